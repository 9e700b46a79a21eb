/// Something an operator should look at after resolving a directory's roles; nothing here stops a sync.
public enum RoleWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Groups contain each other; membership still resolved.
    case groupCycle(GroupCycle)
    /// A superuser rule was ignored because the source may not grant superuser; `accounts` would have matched it.
    case superuserRuleIgnored(ruleIndex: Int, group: String, accounts: Int)
    /// A rule matched no group of the directory (a typo, or a group outside the search base).
    case ruleMatchedNoGroup(ruleIndex: Int, group: String)

    public var description: String {
        switch self {
        case .groupCycle(let cycle):
            return cycle.description
        case .superuserRuleIgnored(let index, let group, let accounts):
            return "rule #\(index + 1) (\(group)) gives superuser, which this source may not grant: ignored "
                + "(\(accounts) account\(accounts == 1 ? "" : "s") matched it)"
        case .ruleMatchedNoGroup(let index, let group):
            return "rule #\(index + 1) (\(group)) matched no group"
        }
    }
}
