import Foundation
import RosterCore

/// The stable JSON form of an account (CLI `--json`, admin API). Keys are documented in the README.
public struct AccountDocument: Codable, Sendable, Equatable {
    public struct Email: Codable, Sendable, Equatable {
        public var value: String
        public var type: String?
        public var primary: Bool
    }

    public var id: String
    public var userName: String
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    public var emails: [Email]
    public var active: Bool
    public var role: String
    public var authMethod: String
    public var source: String
    public var externalId: String?
    public var mustChangePassword: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var deactivatedAt: Date?
    public var version: Int
    public var sessionCount: Int?
    public var apiTokenCount: Int?

    public init(_ account: Account, sessionCount: Int? = nil, apiTokenCount: Int? = nil) {
        id = account.id.lowercasedText
        userName = account.userName
        displayName = account.displayName
        givenName = account.givenName
        familyName = account.familyName
        emails = account.emails.map { Email(value: $0.value, type: $0.type, primary: $0.primary) }
        active = account.active
        role = account.role.rawValue
        authMethod = account.authMethod.rawValue
        source = account.source.rawValue
        externalId = account.externalId
        mustChangePassword = account.mustChangePassword
        createdAt = account.createdAt
        updatedAt = account.updatedAt
        deactivatedAt = account.deactivatedAt
        version = account.version
        self.sessionCount = sessionCount
        self.apiTokenCount = apiTokenCount
    }

    public init(_ listing: AccountListing) {
        self.init(listing.account, sessionCount: listing.sessionCount, apiTokenCount: listing.apiTokenCount)
    }
}
