# Builds everything into artifacts/; incremental, so a second `make` with no change does nothing.
# bin/setup installs the prerequisites and runs this; bin/test runs the tests.
ART := artifacts
LIB := $(ART)/lib
RID := linux-x64
DOTNET_FLAGS := -c Release -r $(RID) --nologo -v quiet

cs_of = $(shell find $(1) -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*')
# The contract's C# side is generated from the headers (contract/Generator): a header change rebuilds every assembly.
contract_cs := $(call cs_of,contract) $(wildcard contract/*.csproj contract/Generator/*.csproj) $(wildcard contract/include/*.h)
checks_cs := $(call cs_of,checks) checks/Checks.csproj $(contract_cs)
runtime_cs := $(call cs_of,runtime) runtime/Runtime.csproj $(checks_cs)
instrument_cs := $(call cs_of,instrument) instrument/Instrument.csproj $(contract_cs)
cli_cs := $(wildcard cli/*.cs cli/*/*.cs) cli/Cli.csproj $(checks_cs)
props := Directory.Build.props Directory.Packages.props
headers := $(wildcard contract/include/*.h)

.PHONY: all native clean
all: native $(LIB)/liballocs_rt.so $(ART)/bin/allocscc $(ART)/bin/liballocs

native:
	$(MAKE) -s -C runtime/native OUT=$(CURDIR)/$(LIB)

$(LIB)/liballocs_rt.so: $(runtime_cs) $(props) $(headers)
	dotnet publish runtime/Runtime.csproj $(DOTNET_FLAGS) -o $(ART)/publish/runtime
	mkdir -p $(LIB) && cp $(ART)/publish/runtime/liballocs_rt.so $@

$(ART)/bin/allocscc: $(instrument_cs) $(props)
	dotnet publish instrument/Instrument.csproj $(DOTNET_FLAGS) -o $(ART)/bin
	touch $@

# The liballocs command (bin/liballocs), ahead-of-time compiled like allocscc; it reads the report log through checks/.
$(ART)/bin/liballocs: $(cli_cs) $(props)
	dotnet publish cli/Cli.csproj $(DOTNET_FLAGS) -o $(ART)/bin
	touch $@

clean:
	rm -rf artifacts
