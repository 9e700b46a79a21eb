/// Why a fresh DirSync cookie could not be taken.
enum DirSyncError: Error, CustomStringConvertible {
    case noCookie
    case noNamingContext

    var description: String {
        switch self {
        case .noCookie: "the server answered a DirSync search without a cookie"
        case .noNamingContext: "the root DSE names no defaultNamingContext"
        }
    }
}
