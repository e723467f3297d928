extension Schema {
    /// 事项取消/停用: the day a matter leaves force, why, and who retired it. The matter row
    /// stays for its cases and for exports.
    static let matterRetirement = Migration(version: 8, name: "one window: retired matters", statements: [
        "ALTER TABLE matters ADD COLUMN retired_on TEXT",
        "ALTER TABLE matters ADD COLUMN retired_reason TEXT",
        "ALTER TABLE matters ADD COLUMN retired_by TEXT",
        "CREATE INDEX matters_retired ON matters(retired_on)",
    ])
}
