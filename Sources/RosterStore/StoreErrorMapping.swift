import GRDB
import RosterCore

/// Turns SQLite errors into domain errors. Messages never carry bound values (personal data).
enum StoreErrorMapping {
    static func map(_ error: DatabaseError) -> RosterError {
        let message = error.message ?? ""
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            if message.contains("user_name_key") {
                return RosterError(.userNameTaken, "the userName is taken")
            }
            if message.contains("account_email") {
                return RosterError(.emailTaken, "another account already has this email address")
            }
            if message.contains("source_anchor") {
                return RosterError(.anchorTaken, "the source already has an entry with this anchor")
            }
            if message.contains("ownership") {
                return RosterError(.resourceAlreadyOwned, "the resource is already registered")
            }
            return RosterError(.storeFailure, "a uniqueness constraint failed: \(message)")
        case .SQLITE_CONSTRAINT_FOREIGNKEY, .SQLITE_CONSTRAINT_TRIGGER:
            return RosterError(.storeFailure, "a store constraint refused the change: \(message)")
        default:
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return RosterError(.storeFailure, "the store is busy (another process holds it); try again")
            }
            return RosterError(.storeFailure, "store error \(error.resultCode.rawValue): \(message)")
        }
    }
}
