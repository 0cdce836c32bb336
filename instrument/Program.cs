using Liballocs.Instrument.Driver;

// allocscc: a drop-in for cc that instruments C sources for liballocs (see CompilerDriver).
return new CompilerDriver(DriverSettings.FromEnvironment(Environment.GetEnvironmentVariable), Console.Error).Run(args);
