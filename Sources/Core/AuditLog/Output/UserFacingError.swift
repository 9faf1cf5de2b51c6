/// An error whose description is written for the person at the terminal: it names the file,
/// line or value and the cause. The command line prints it after "dockaudit: " and exits
/// with status 2, as ausearch does for input it cannot read; any other error is a bug's.
public protocol UserFacingError: Error, CustomStringConvertible {}
