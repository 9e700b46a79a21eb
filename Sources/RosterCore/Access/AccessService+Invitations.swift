import Foundation

extension AccessService {
    /// A new or resent invitation and what happened to its mail.
    public struct SentInvitation: Sendable, Hashable {
        public var invitation: Invitation
        public var delivery: Delivery
    }

    /// Creates an invitation (admins and members; see ``InvitationPolicy``) and mails it.
    public func invite(email: String, userName: String?, role: Role?, authMethod: AuthMethod?,
                       by context: ActingContext) async throws -> SentInvitation {
        try EmailPolicy.validate(email.trimmingCharacters(in: .whitespaces))
        let address = EmailPolicy.normalized(email)
        if let userName { try UserNamePolicy.validate(userName, for: .invitation) }
        let role = role ?? accounts.settings.defaultRole
        let method = authMethod ?? accounts.settings.defaultAuthMethod
        guard method != .ldap else { throw RosterError(.invalidArgument, "directory accounts come from their directory, not invitations") }
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        let (invitation, revealLink): (Invitation, Bool) = try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let actor = try accounts.actorState(context, in: tx)
                try InvitationPolicy.authorize(role: role, by: actor)
                let key = EmailPolicy.key(for: address)
                try releaseExpiredSignups(emailKey: key, userName: userName, tx)
                if try tx.account(emailKey: key) != nil {
                    throw RosterError(.emailTaken, "an account already has this email address")
                }
                if try tx.pendingInvitation(emailKey: key, now: now()) != nil {
                    throw RosterError(.alreadyInvited, "this address has a pending invitation; resend or revoke it")
                }
                if let userName, try tx.userNameKeyExists(UserNamePolicy.key(for: userName)) {
                    throw RosterError(.userNameTaken, "the userName '\(userName)' is taken")
                }
                let now = now()
                var invitedBy: UUID?
                if case .account(let id) = context.actor { invitedBy = id }
                let invitation = Invitation(
                    id: accounts.ids.next(), email: address, userName: userName, role: role, authMethod: method,
                    invitedBy: invitedBy, createdAt: now, expiresAt: now.addingTimeInterval(settings.invitationLifetime))
                try tx.insert(invitation, tokenHash: tokenHash)
                try audit(tx, context, .invitationCreated, targetType: "invitation", targetID: invitation.id.lowercasedText,
                          targetName: address, after: ["role": .string(role.rawValue), "authMethod": .string(method.rawValue)],
                          at: now)
                return (invitation, InvitationPolicy.mayReceiveLinks(actor))
            }
        }
        return try await send(invitation, token: token, context: context, revealLink: revealLink)
    }

    /// A new token and expiry (the old link stops working), mailed again. Admins resend any invitation they could
    /// have sent, a member only their own (``InvitationPolicy/authorizeManaging(_:by:)``); without SMTP only the
    /// operator and admins get the link back.
    public func resendInvitation(id: UUID, by context: ActingContext) async throws -> SentInvitation {
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        let (invitation, revealLink): (Invitation, Bool) = try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let now = now()
                guard var invitation = try tx.invitation(id: id) else {
                    throw RosterError(.invitationNotFound, "no invitation has this id")
                }
                let actor = try accounts.actorState(context, in: tx)
                try InvitationPolicy.authorizeManaging(invitation, by: actor)
                guard invitation.acceptedAt == nil, invitation.revokedAt == nil else {
                    throw RosterError(.invalidState, "the invitation was \(invitation.acceptedAt != nil ? "accepted" : "revoked")")
                }
                invitation.expiresAt = now.addingTimeInterval(settings.invitationLifetime)
                try tx.setInvitationToken(id: id, tokenHash: tokenHash, expiresAt: invitation.expiresAt)
                return (invitation, InvitationPolicy.mayReceiveLinks(actor))
            }
        }
        return try await send(invitation, token: token, context: context, revealLink: revealLink)
    }

    /// Mails the invitation and records the attempt (sent or failed, with the reason) on it and in the audit log.
    /// Without SMTP the link is returned only when `revealLink` (else `notConfigured` carries an empty link).
    private func send(_ invitation: Invitation, token: String, context: ActingContext, revealLink: Bool) async throws -> SentInvitation {
        let link = link("/invitations/accept", token: token)
        let hours = Int(settings.invitationLifetime / 3600)
        let attempted = await deliver(MailTemplates.invitation(to: invitation.email, link: link, hours: hours, role: invitation.role), link: link)
        let delivery: Delivery = if case .notConfigured = attempted, !revealLink { .notConfigured(link: "") } else { attempted }
        let recorded: Invitation = try await Blocking.run { [self] in
            try store.accessWrite { tx in
                guard var current = try tx.invitation(id: invitation.id) else { return invitation }
                let now = now()
                switch delivery {
                case .sent:
                    current.sendCount += 1
                    current.lastSentAt = now
                    current.lastSendError = nil
                    try tx.update(current)
                    try audit(tx, context, .invitationSent, targetType: "invitation", targetID: current.id.lowercasedText,
                              targetName: current.email, at: now)
                case .failed(let reason):
                    current.lastSendError = reason
                    try tx.update(current)
                    try audit(tx, context, .invitationSendFailed, targetType: "invitation", targetID: current.id.lowercasedText,
                              targetName: current.email, after: ["reason": .string(reason)], at: now)
                case .notConfigured:
                    break
                }
                return current
            }
        }
        return SentInvitation(invitation: recorded, delivery: delivery)
    }

    public func revokeInvitation(id: UUID, by context: ActingContext) throws -> Invitation {
        try store.accessWrite { tx in
            guard var invitation = try tx.invitation(id: id) else {
                throw RosterError(.invitationNotFound, "no invitation has this id")
            }
            try InvitationPolicy.authorizeManaging(invitation, by: try accounts.actorState(context, in: tx))
            guard invitation.acceptedAt == nil, invitation.revokedAt == nil else {
                throw RosterError(.invalidState, "the invitation is no longer pending")
            }
            let now = now()
            invitation.revokedAt = now
            try tx.update(invitation)
            try audit(tx, context, .invitationRevoked, targetType: "invitation", targetID: invitation.id.lowercasedText,
                      targetName: invitation.email, at: now)
            return invitation
        }
    }

    /// Pending invitations (with expiry), or all with `includeClosed`: every one for the operator and admins, a
    /// member's own for a member; guests may not look.
    public func invitations(includeClosed: Bool, by context: ActingContext) throws -> [Invitation] {
        try store.accessRead { tx in
            let all = try tx.invitations(includeClosed: includeClosed, now: now())
            guard case .account(let id) = context.actor else { return all }
            guard let account = try tx.account(id: id), account.active, account.role >= .member else {
                throw RosterError(.cannotInvite, "guests cannot see invitations")
            }
            return account.role >= .admin ? all : all.filter { $0.invitedBy == account.id }
        }
    }

    /// `POST /invitations/accept`: creates the account with the chosen password, active, and closes the invitation.
    public func acceptInvitation(token: String, password: String?, userName: String?) async throws -> Account {
        let tokenHash = secrets.tokenHash(token)
        let pending = try await Blocking.run { [self] in
            try store.accessRead { try $0.invitation(tokenHash: tokenHash) }
        }
        guard let pending, pending.state(at: now()) == .pending else {
            throw RosterError(.tokenNotFound, "the invitation is unknown, used, revoked or expired")
        }
        var hash: String?
        if pending.authMethod == .password {
            guard let password else { throw RosterError(.invalidPassword, "choose a password") }
            try accounts.settings.passwordPolicy.validate(password)
            hash = try await hashing.run { [hasher] in try hasher.hash(password) }
        }
        if let userName { try UserNamePolicy.validate(userName, for: .invitation) }
        let passwordHash = hash
        return try await Blocking.run { [self] in
            try store.accessWrite { tx in
                // Checked again inside the transaction: a concurrent accept of the same token loses here.
                guard var invitation = try tx.invitation(tokenHash: tokenHash), invitation.state(at: now()) == .pending else {
                    throw RosterError(.tokenNotFound, "the invitation is unknown, used, revoked or expired")
                }
                try releaseExpiredSignups(emailKey: EmailPolicy.key(for: invitation.email),
                                          userName: userName ?? invitation.userName, tx)
                let context = ActingContext(actor: .system, via: "invitation")
                let account = try accounts.insertAccount(
                    NewAccount(email: invitation.email, userName: userName ?? invitation.userName, role: invitation.role,
                               authMethod: invitation.authMethod, source: .invitation, active: true),
                    authMethod: invitation.authMethod, passwordHash: passwordHash, mustChange: false, tx, context)
                let now = now()
                invitation.acceptedAt = now
                invitation.accountID = account.id
                try tx.update(invitation)
                try audit(tx, context, .invitationAccepted, targetType: "invitation", targetID: invitation.id.lowercasedText,
                          targetName: invitation.email, after: ["accountID": .string(account.id.lowercasedText)], at: now)
                return account
            }
        }
    }
}
