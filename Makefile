# Builds everything into artifacts/; incremental, so a second `make` with no change does nothing.
# bin/setup installs the prerequisites and runs this; bin/test runs the tests.
ART := artifacts
LIB := $(ART)/lib
RID := linux-x64
DOTNET_FLAGS := -c Release -r $(RID) --nologo -v quiet

runtime_cs := $(shell find runtime checks -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*') runtime/Runtime.csproj
instrument_cs := $(shell find instrument -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*') instrument/Instrument.csproj
cli_cs := $(wildcard cli/*.cs cli/*/*.cs) cli/Cli.csproj
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

# The liballocs command (bin/liballocs), ahead-of-time compiled like allocscc; it shares checks/ with the runtime.
$(ART)/bin/liballocs: $(cli_cs) $(runtime_cs) $(props)
	dotnet publish cli/Cli.csproj $(DOTNET_FLAGS) -o $(ART)/bin
	touch $@

clean:
	rm -rf artifacts
