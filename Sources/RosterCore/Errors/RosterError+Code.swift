extension RosterError {
    /// The broad kind of an error; it decides exit codes and HTTP statuses.
    public enum Category: String, Sendable, Hashable {
        /// The input was malformed or broke a format rule (exit 2, HTTP 400).
        case invalidInput
        /// The named account, group or resource does not exist (exit 2, HTTP 404).
        case notFound
        /// The input collides with existing data, e.g. a taken userName (exit 2, HTTP 409).
        case conflict
        /// A rule of the admin guides refused the change (exit 5, HTTP 403).
        case refused
        /// Something failed at run time: the store, a directory, the network (exit 1, HTTP 500).
        case failure
    }

    /// A stable error code. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The greppable identifier, e.g. `refused.lastSuperuser`.
        public let identifier: String
        /// The kind of error.
        public let category: Category

        private init(_ category: Category, _ name: String) {
            self.category = category
            let prefix: String = switch category {
            case .invalidInput: "invalid"
            case .notFound: "notFound"
            case .conflict: "conflict"
            case .refused: "refused"
            case .failure: "failure"
            }
            self.identifier = "\(prefix).\(name)"
        }

        public var description: String { identifier }

        // MARK: invalid input
        public static let invalidUserName = Code(.invalidInput, "userName")
        public static let invalidEmail = Code(.invalidInput, "email")
        public static let invalidPassword = Code(.invalidInput, "password")
        public static let invalidArgument = Code(.invalidInput, "argument")
        public static let invalidResource = Code(.invalidInput, "resource")

        // MARK: not found
        public static let accountNotFound = Code(.notFound, "account")
        public static let groupNotFound = Code(.notFound, "group")
        public static let resourceNotFound = Code(.notFound, "resource")
        /// An invitation or verification token that is unknown, used, revoked or expired.
        public static let tokenNotFound = Code(.notFound, "token")
        public static let invitationNotFound = Code(.notFound, "invitation")

        // MARK: conflicts
        public static let userNameTaken = Code(.conflict, "userName")
        public static let emailTaken = Code(.conflict, "email")
        public static let anchorTaken = Code(.conflict, "anchor")
        public static let resourceAlreadyOwned = Code(.conflict, "resourceOwned")
        public static let versionMismatch = Code(.conflict, "version")
        public static let alreadyInvited = Code(.conflict, "alreadyInvited")

        // MARK: refused by a rule
        /// Only a superuser may grant the superuser role, or change a superuser's account.
        public static let superuserOnly = Code(.refused, "superuserOnly")
        /// The acting account's role does not allow this action.
        public static let insufficientRole = Code(.refused, "insufficientRole")
        /// The acting account is inactive.
        public static let inactiveActor = Code(.refused, "inactiveActor")
        /// The last active superuser cannot be demoted, deactivated or deleted.
        public static let lastSuperuser = Code(.refused, "lastSuperuser")
        /// The writer (an acting account, a directory or SCIM client) may not give this role.
        public static let roleNotGrantable = Code(.refused, "roleNotGrantable")
        /// A source may not take over this account (``AdoptionPolicy``).
        public static let adoptionRefused = Code(.refused, "adoptionRefused")
        /// Nobody deletes or deactivates their own account.
        public static let selfAction = Code(.refused, "selfAction")
        /// The account still owns registered resources.
        public static let ownsResources = Code(.refused, "ownsResources")
        /// The attribute is managed by the account's external source (LDAP, SCIM).
        public static let managedBySource = Code(.refused, "managedBySource")
        /// The account does not authenticate with a local password.
        public static let notPasswordAccount = Code(.refused, "notPasswordAccount")
        /// The account is in a state that does not allow the action (e.g. already inactive).
        public static let invalidState = Code(.refused, "state")
        /// Self signup is off, or the email's domain is not on the allowlist.
        public static let signupNotAllowed = Code(.refused, "signupNotAllowed")
        /// The account's role may not invite (guests), or not with that role.
        public static let cannotInvite = Code(.refused, "cannotInvite")
        /// Wrong userName/email or password (never says which).
        public static let invalidCredentials = Code(.refused, "invalidCredentials")
        /// Too many failed logins: locked for a while.
        public static let tooManyAttempts = Code(.refused, "tooManyAttempts")
        /// A session limited to changing the password tried something else.
        public static let passwordChangeRequired = Code(.refused, "passwordChangeRequired")
        /// A missing, expired or revoked session or token.
        public static let unauthenticated = Code(.refused, "unauthenticated")

        // MARK: failures
        public static let storeFailure = Code(.failure, "store")
        public static let cryptoFailure = Code(.failure, "crypto")
        public static let internalFailure = Code(.failure, "internal")
        public static let mailFailure = Code(.failure, "mail")
        public static let directoryFailure = Code(.failure, "directory")
    }
}
