namespace SolidaritePipeline.Validation;

/// <summary>
/// What the caller's <c>onProject</c> threw, carried past the readers' own failures (which become the
/// report's) to be raised as it is by <see cref="SubmissionValidator.ValidateAsync"/>.
/// </summary>
internal sealed class ProjectHandOnException(Exception inner) : Exception("Handing a project on failed.", inner);
