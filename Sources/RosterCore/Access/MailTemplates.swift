/// The texts of Roster's mails. Links carry a token once; the mail is the only place it appears.
public enum MailTemplates {
    public static func verification(to email: String, link: String, hours: Int, userName: String? = nil) -> MailMessage {
        MailMessage(to: email, subject: "Confirm your email address", body: """
            Someone (hopefully you) signed up with this address\(userName.map { " as the user '\($0)'" } ?? "").

            Confirm it to activate your account:
            \(link)

            The link works once and expires in \(hours) hours. If you did not sign up, ignore this mail.
            """)
    }

    public static func invitation(to email: String, link: String, hours: Int, role: Role) -> MailMessage {
        MailMessage(to: email, subject: "You are invited", body: """
            You have been invited to join as \(role.rawValue).

            Accept the invitation and choose your password:
            \(link)

            The link works once and expires in \(hours) hours.
            """)
    }

    public static func passwordReset(to email: String, temporaryPassword: String) -> MailMessage {
        MailMessage(to: email, subject: "Your temporary password", body: """
            An administrator reset your password. Your temporary password is:

            \(temporaryPassword)

            You will be asked to choose a new password when you sign in.
            """)
    }
}
