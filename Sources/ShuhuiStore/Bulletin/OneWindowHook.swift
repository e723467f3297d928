import ShuhuiCore

extension Store {
    /// Section 三 (“一窗受理”平台应用情况) and 附件 6 of the bulletin for `period`.
    ///
    /// HOOK for the one-window capability (issue 6, branch `window`): return the section's
    /// blocks and the TOP-100 matters attachment (序号, 部门, 确认事项总数, 已接入数, 接入占比;
    /// ``BulletinNumber/percent(_:of:)`` formats the rates) read from its own records, or nil
    /// when there is no one-window data for the period. Returning nil leaves section 三 and
    /// 附件 6 out and numbers the remaining sections in order. Nothing else needs to change:
    /// ``BulletinComposer`` places the section and numbers the attachment.
    public func oneWindowSection(for period: ReportPeriod) async throws -> OneWindowSection? {
        nil
    }
}
