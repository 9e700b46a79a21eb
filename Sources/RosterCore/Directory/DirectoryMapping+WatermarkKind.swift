extension DirectoryMapping {
    /// The attribute that orders changes, so a sync can ask only for entries changed since the last run.
    public enum WatermarkKind: String, Sendable, Hashable, CaseIterable, Codable {
        /// `modifyTimestamp` (generalized time): OpenLDAP, 389-DS/FreeIPA.
        case modifyTimestamp
        /// `uSNChanged` (an integer per domain controller): Active Directory.
        case usnChanged

        /// The LDAP attribute name.
        public var attribute: String {
            switch self {
            case .modifyTimestamp: "modifyTimestamp"
            case .usnChanged: "uSNChanged"
            }
        }
    }
}
