import HostIO

/// The in-memory host every test builds its files in (HostIO's `MemoryHostFiles`).
public typealias MemoryHost = MemoryHostFiles
