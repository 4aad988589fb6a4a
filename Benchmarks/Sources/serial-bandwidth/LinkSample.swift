/// The link's counters at one moment of a session.
struct LinkSample {
    /// Nanoseconds since the session started.
    var time: Int64
    var bytesWritten: Int
    var bytesRead: Int
    var framesWritten: Int
    var framesRead: Int
    var programmeIndex: Int
}
