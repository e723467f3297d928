import Foundation

/// A "one thing" bundle (一件事): matters of several units applied for together. One
/// application opens a case per matter; the bundle is done when all its cases are.
public struct BundleDraft: Sendable, Codable, Equatable {
    /// Stable code.
    public var code: String
    /// 一件事名称 (e.g. 新生儿出生一件事).
    public var name: String
    /// The lead unit (牵头部门).
    public var organizationID: Int64
    /// 服务对象.
    public var audience: MatterAudience
    /// 实施编码 of the matters merged, at least two.
    public var matterCodes: [String]

    /// Creates a draft.
    public init(code: String, name: String, organizationID: Int64, audience: MatterAudience = .person, matterCodes: [String]) {
        self.code = code
        self.name = name
        self.organizationID = organizationID
        self.audience = audience
        self.matterCodes = matterCodes
    }

    /// Every rule the draft breaks (matter codes are checked against the catalog by the store).
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        if !MatterDraft.isCode(code) { out.append(FieldIssue(field: "code", code: "bad_code", message: Strings.format("ow.bad_code", ["value": code]))) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 200 { out.append(FieldIssue(field: "name", code: "bad_name", message: Strings["ow.bad_name"])) }
        if Set(matterCodes).count < 2 { out.append(FieldIssue(field: "matterCodes", code: "too_few", message: Strings["ow.bundle_too_few"])) }
        var seen = Set<String>()
        for (i, c) in matterCodes.enumerated() where !seen.insert(c).inserted {
            out.append(FieldIssue(field: "matterCodes[\(i)]", code: "duplicate", message: Strings.format("v.duplicate", ["value": c])))
        }
        return out
    }
}

/// Where one bundle application stands, from its cases.
public enum BundleProgress: String, Sendable, Codable, CaseIterable {
    /// Some case is still open.
    case open
    /// Every case completed (办结).
    case completed
    /// Every case ended, and at least one without completion (refused, withdrawn, terminated).
    case closed

    /// The application's state from its cases' states.
    public static func of(_ states: [CaseState]) -> BundleProgress {
        guard !states.isEmpty else { return .open }
        if states.contains(where: { !$0.isFinal }) { return .open }
        return states.allSatisfy(\.isCompleted) ? .completed : .closed
    }
}
