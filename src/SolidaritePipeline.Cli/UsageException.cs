namespace SolidaritePipeline.Cli;

/// <summary>A usage mistake the parser cannot see (a file that does not exist, a value out of range): exit code 2 with a message.</summary>
public sealed class UsageException(string message) : Exception(message);
