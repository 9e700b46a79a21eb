/// Why fresh content-sync cookies could not be taken.
enum ContentSyncError: Error, CustomStringConvertible {
    case noCookie

    var description: String { "the server answered a content-sync refresh without a cookie" }
}
