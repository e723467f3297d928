import Foundation
import ShuhuiCore
import SQLKit

/// The bureau's own wording of the bulletin's frame, in Chinese (the document's language), and
/// how many units each attachment lists. Unset fields keep the string table's defaults; the
/// English rendering keeps its defaults except for `topUnits`.
public struct BulletinSettingsInput: Sendable, Codable, Equatable {
    public var heading: String?
    public var bureau: String?
    public var signature: String?
    public var reportTo: String?
    public var copyTo: String?
    public var topUnits: Int?

    /// Creates an input.
    public init(heading: String? = nil, bureau: String? = nil, signature: String? = nil, reportTo: String? = nil, copyTo: String? = nil, topUnits: Int? = nil) {
        self.heading = heading
        self.bureau = bureau
        self.signature = signature
        self.reportTo = reportTo
        self.copyTo = copyTo
        self.topUnits = topUnits
    }

    /// Every problem with the input.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        if let n = topUnits, !(1...50).contains(n) {
            out.append(FieldIssue(field: "topUnits", code: "out_of_range", message: Strings.format("v.invalidValue", ["value": String(n), "allowed": "1–50"])))
        }
        for (name, value) in [("heading", heading), ("bureau", bureau), ("signature", signature), ("reportTo", reportTo), ("copyTo", copyTo)] {
            if let v = value, v.count > 500 { out.append(FieldIssue(field: name, code: "too_long", message: Strings.format("v.tooLong", ["max": "500"]))) }
            if let v = value, v.trimmingCharacters(in: .whitespaces).isEmpty { out.append(FieldIssue(field: name, code: "required", message: Strings["v.required"])) }
            if let v = value, BulletinText.hasControlCharacters(v) {
                out.append(FieldIssue(field: name, code: "control_characters", message: Strings["bulletin.err.control"]))
            }
        }
        return out
    }
}

extension Store {
    static let bulletinSettingsKey = "bulletin.settings"

    /// The stored overrides.
    public func bulletinSettingsInput() async throws -> BulletinSettingsInput {
        let text = try await database.read { db in
            try await db.raw("SELECT value FROM platform_settings WHERE name = \(bind: Self.bulletinSettingsKey)").first()?.decode(column: "value", as: String.self)
        }
        return try text.map { try JSONText.decode(BulletinSettingsInput.self, $0) } ?? BulletinSettingsInput()
    }

    /// Replaces the overrides (administrators); invalid input changes nothing.
    public func setBulletinSettings(_ input: BulletinSettingsInput, by p: Principal) async throws {
        try AccessPolicy.canManageBulletins(p)
        let issues = input.issues()
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let text = try JSONText.encode(input)
        try await database.transaction { db in
            try await db.raw("DELETE FROM platform_settings WHERE name = \(bind: Self.bulletinSettingsKey)").run()
            try await db.raw("INSERT INTO platform_settings (name, value) VALUES (\(bind: Self.bulletinSettingsKey), \(bind: text))").run()
        }
    }

    /// The wording around the figures in `language`.
    public func bulletinSettings(_ language: Language) async throws -> BulletinSettings {
        var s = BulletinSettings.defaults(language)
        let o = try await bulletinSettingsInput()
        if let n = o.topUnits { s.topUnits = n }
        guard language == .zh else { return s }
        if let v = o.heading { s.heading = v }
        if let v = o.bureau { s.bureau = v }
        if let v = o.signature { s.signature = v }
        if let v = o.reportTo { s.reportTo = v }
        if let v = o.copyTo { s.copyTo = v }
        return s
    }
}
