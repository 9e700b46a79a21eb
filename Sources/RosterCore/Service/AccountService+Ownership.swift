import Foundation

extension AccountService {
    /// Registers `resource` as owned by an account.
    public func addOwnership(_ resource: ResourceRef, owner reference: String, by context: ActingContext) throws -> Ownership {
        try store.write { tx in
            let owner = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.manageOwnership, by: actor, on: nil)
            if let existing = try tx.ownership(of: resource) {
                throw RosterError(.resourceAlreadyOwned, "\(resource) is already owned by '\(existing.ownerUserName)'")
            }
            let now = now()
            try tx.addOwnership(resource, ownerID: owner.id, at: now)
            try tx.append(AuditEvent(
                at: now, actor: context.actor.description, actorName: actor.account?.userName, via: context.via,
                action: .ownershipAdded, targetType: "account", targetID: owner.id.lowercasedText,
                targetName: owner.userName, before: nil, after: ["resource": .string(resource.description)]
            ))
            return Ownership(resource: resource, ownerID: owner.id, ownerUserName: owner.userName, createdAt: now)
        }
    }

    /// Removes a resource from the registry.
    public func removeOwnership(_ resource: ResourceRef, by context: ActingContext) throws -> Ownership {
        try store.write { tx in
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.manageOwnership, by: actor, on: nil)
            guard let existing = try tx.ownership(of: resource) else {
                throw RosterError(.resourceNotFound, "\(resource) is not registered")
            }
            try tx.removeOwnership(resource)
            try tx.append(AuditEvent(
                at: now(), actor: context.actor.description, actorName: actor.account?.userName, via: context.via,
                action: .ownershipRemoved, targetType: "account", targetID: existing.ownerID.lowercasedText,
                targetName: existing.ownerUserName, before: ["resource": .string(resource.description)], after: nil
            ))
            return existing
        }
    }

    /// Lists the registry, or one account's entries.
    public func ownerships(of reference: String?, by context: ActingContext) throws -> [Ownership] {
        try store.read { reader in
            try AccountPolicy.authorize(.viewAccounts, by: actorState(context, in: reader), on: nil)
            let owner = try reference.map { try resolve($0, in: reader) }
            return try reader.ownerships(ownerID: owner?.id)
        }
    }

    /// Moves everything `from` owns to `to`, in one transaction and one audit entry.
    public func transfer(from source: String, to target: String, by context: ActingContext) throws -> [ResourceRef] {
        try store.write { tx in
            let from = try resolve(source, in: tx)
            let to = try resolve(target, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.transferOwnership, by: actor, on: from)
            guard from.id != to.id else {
                throw RosterError(.invalidArgument, "transfer needs two different accounts")
            }
            guard to.active else {
                throw RosterError(.invalidState, "'\(to.userName)' is inactive and cannot receive ownership")
            }
            let moved = try tx.transferOwnerships(from: from.id, to: to.id)
            try tx.append(AuditEvent(
                at: now(), actor: context.actor.description, actorName: actor.account?.userName, via: context.via,
                action: .ownershipTransferred, targetType: "account", targetID: from.id.lowercasedText,
                targetName: from.userName, before: ["owner": .string(from.userName)],
                after: ["owner": .string(to.userName), "ownerID": .string(to.id.lowercasedText),
                        "resources": .list(moved.map(\.description))]
            ))
            return moved
        }
    }
}
