import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension OrganizationInput: StrictInput {
    static var knownKeys: Set<String> { ["code", "name", "shortName", "kind", "parentID", "regionCode"] }
}

extension SystemInput: StrictInput {
    static var knownKeys: Set<String> { ["organizationID", "code", "name", "level", "status", "owner", "summary"] }
}

/// `/api/v1/organizations`, `/api/v1/systems`, `/api/v1/census/statistics`.
enum OrganizationAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/organizations", tag: "census", summary: "List every unit (flat; parentID gives the tree)", response: "OrganizationList")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.organizations()])
        }
        api.add(.init(method: .post, path: "/api/v1/organizations", tag: "census", summary: "Register a unit (bureau administrators)", body: "OrganizationInput", response: "Organization", status: 201)) { req, ctx in
            try AccessPolicy.canManageOrganizations(try ctx.requirePrincipal())
            let input = try await JSONBody.decode(OrganizationInput.self, req, context: ctx)
            return try Reply.json(try await store.createOrganization(input), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/organizations/{id}", tag: "census", summary: "One unit", response: "Organization")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.organization(id: try ctx.parameters.require("id", as: Int64.self)))
        }
        api.add(.init(method: .put, path: "/api/v1/organizations/{id}", tag: "census", summary: "Change a unit (bureau administrators)", body: "OrganizationInput", response: "Organization")) { req, ctx in
            try AccessPolicy.canManageOrganizations(try ctx.requirePrincipal())
            let id = try ctx.parameters.require("id", as: Int64.self)
            let input = try await JSONBody.decode(OrganizationInput.self, req, context: ctx)
            return try Reply.json(try await store.updateOrganization(id: id, input))
        }
        api.add(.init(method: .delete, path: "/api/v1/organizations/{id}", tag: "census", summary: "Remove a unit nothing refers to", status: 204)) { _, ctx in
            try AccessPolicy.canManageOrganizations(try ctx.requirePrincipal())
            try await store.deleteOrganization(id: try ctx.parameters.require("id", as: Int64.self))
            return Reply.noContent()
        }
        api.add(.init(method: .get, path: "/api/v1/systems", tag: "census", summary: "Search the systems census",
                      query: [("organizationID", "integer"), ("level", "string"), ("q", "string"), ("limit", "integer"), ("offset", "integer")], response: "SystemPage")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let q = SystemQuery(
                organizationID: try req.intQuery("organizationID").map(Int64.init), level: try req.enumQuery("level", SystemLevel.self),
                text: req.query("q"), page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))
            return try Reply.json(try await store.systems(q))
        }
        api.add(.init(method: .post, path: "/api/v1/systems", tag: "census", summary: "Register a system (administrators; officers for their own unit)", body: "SystemInput", response: "InformationSystem", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(SystemInput.self, req, context: ctx)
            try await checkEdit(p, unit: input.organizationID, store: store)
            return try Reply.json(try await store.createSystem(input), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/systems/{id}", tag: "census", summary: "One system", response: "InformationSystem")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.system(id: try ctx.parameters.require("id", as: Int64.self)))
        }
        api.add(.init(method: .put, path: "/api/v1/systems/{id}", tag: "census", summary: "Change a system", body: "SystemInput", response: "InformationSystem")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let id = try ctx.parameters.require("id", as: Int64.self)
            let input = try await JSONBody.decode(SystemInput.self, req, context: ctx)
            let existing = try await store.system(id: id)
            try await checkEdit(p, unit: existing.organizationID, store: store)
            try await checkEdit(p, unit: input.organizationID, store: store)
            return try Reply.json(try await store.updateSystem(id: id, input))
        }
        api.add(.init(method: .delete, path: "/api/v1/systems/{id}", tag: "census", summary: "Remove a system no resource names", status: 204)) { _, ctx in
            let p = try ctx.requirePrincipal()
            let id = try ctx.parameters.require("id", as: Int64.self)
            try await checkEdit(p, unit: try await store.system(id: id).organizationID, store: store)
            try await store.deleteSystem(id: id)
            return Reply.noContent()
        }
        api.add(.init(method: .get, path: "/api/v1/census/statistics", tag: "census", summary: "Units and systems in figures, by level", response: "CensusStatistics")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.censusStatistics())
        }
    }

    /// Applies the write rule, naming the principal's own unit in a scope denial.
    static func checkEdit(_ p: Principal, unit: Int64, store: Store) async throws {
        do {
            try AccessPolicy.canEdit(ownedBy: unit, p)
        } catch {
            let own = try? await p.organizationID.asyncMap { try await store.organization(id: $0).shortName }
            throw Problem.forbidden(error, unitName: own ?? nil)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await f(self)
    }
}
