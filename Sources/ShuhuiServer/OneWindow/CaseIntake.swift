import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiStore

extension SystemCaseDraft: StrictInput {
    static var knownKeys: Set<String> { ["matterCode", "applicant", "externalCode"] }
}

/// `POST /gateway/one-window/cases`: a joined system sends a case (办件) signed with its app
/// key, as it calls data services — no officer's token. After the gateway's own checks
/// (``GatewayAuthenticator``: key, signature, time, nonce), the store lets the case in only
/// for a matter handled in that system, once system and matter have joined, for a matter in
/// force, under a case number not sent before. Deny by default.
struct CaseIntake: Sendable {
    let store: Store
    let auth: GatewayAuthenticator
    /// The clock, replaceable in tests.
    var now: @Sendable () -> Date = { Date() }

    static let maxBody = 16 * 1024

    func register(_ api: APIRegistry) {
        api.add(.init(method: .post, path: "/gateway/one-window/cases", tag: "one-window",
                      summary: "A joined system sends a case (办件), signed with its app key as gateway calls are",
                      signed: true, body: "SystemCaseDraft", response: "Case", status: 201)) { req, ctx in
            try await self.handle(req, ctx)
        }
    }

    func handle(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let at = now()
        var caller: GatewayCaller?
        do {
            let body = try await auth.authenticate(req, at: at, maxBody: Self.maxBody, caller: &caller)
            guard let caller else { throw GatewayAuthenticator.unauthorized("gateway.bad_key") }
            try JSONBody.requireJSON(req)
            let draft = try JSONBody.decode(SystemCaseDraft.self, data: Data(buffer: body))
            let record = try await store.receiveSystemCase(draft, systemID: caller.systemID, now: at)
            return try Reply.json(record, status: .created)
        } catch {
            // Refusals are logged with the system (when its key was known), never with the body.
            ctx.logger.notice("case intake refused", metadata: ["system": "\(caller?.systemID ?? 0)", "error": "\(type(of: error))"])
            throw error
        }
    }
}
