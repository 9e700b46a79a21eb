/// What an Active Directory DirSync search (control 1.2.840.113556.1.4.841) returned, all of its rounds read: the
/// objects changed since the cookie (each with its DN, objectGUID and only the attributes that changed; a deleted one
/// with `isDeleted` TRUE and its tombstone DN), and the cookie to send next time.
public struct DirSyncResult: Sendable {
    public var entries: [LDAPEntry] = []
    /// The cookie after the last round; empty when the server gave none (then the result proves nothing).
    public var cookie: [UInt8] = []
    /// How many searches it took (the server's "more data" flag asks for another with the new cookie).
    public var rounds = 0

    public init() {}
}
