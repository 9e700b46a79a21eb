/// A change to a group's members, applied by the store as a set delta (never by rewriting the whole list), so
/// adding one member to a group of 100,000 costs the same as adding it to a group of ten.
public enum SCIMMemberChange: Sendable, Hashable {
    case add([String])
    case remove([String])
    case removeAll
    case replace([String])
}
