/// An account with the counts an admin list shows (sessions, API tokens).
public struct AccountListing: Sendable, Hashable {
    public var account: Account
    public var sessionCount: Int
    public var apiTokenCount: Int

    public init(account: Account, sessionCount: Int, apiTokenCount: Int) {
        self.account = account
        self.sessionCount = sessionCount
        self.apiTokenCount = apiTokenCount
    }
}
