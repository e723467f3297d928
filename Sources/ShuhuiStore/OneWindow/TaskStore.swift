import Foundation
import ShuhuiCore
import SQLKit

/// A task or sub-task (工作任务 / 子任务) as entered.
public struct TaskDraft: Sendable, Codable, Equatable {
    /// The task this one breaks down (nil for a top-level task).
    public var parentID: Int64?
    /// 任务名称.
    public var title: String
    /// 责任单位 (牵头部门 for a task, 配合部门 for a sub-task).
    public var organizationID: Int64
    /// 责任人.
    public var owner: String
    /// 完成期限, `YYYY-MM-DD`.
    public var dueOn: String

    /// Creates a draft.
    public init(parentID: Int64? = nil, title: String, organizationID: Int64, owner: String, dueOn: String) {
        self.parentID = parentID
        self.title = title
        self.organizationID = organizationID
        self.owner = owner
        self.dueOn = dueOn
    }
}

/// A task with its filing status for one month.
public struct TaskRecord: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// Parent task.
    public var parentID: Int64?
    /// 任务名称.
    public var title: String
    /// 责任单位.
    public var organizationID: Int64
    /// Its short name.
    public var organizationName: String
    /// 责任人.
    public var owner: String
    /// 完成期限.
    public var dueOn: String
    /// Done on, if done.
    public var doneOn: String?
    /// Filed for the month asked about (每月动态填报).
    public var filed: Bool
    /// The month's progress text, if filed.
    public var progress: String?
    /// Past its deadline and not done.
    public var overdue: Bool
}

/// Tasks of one month with their totals ("84 项年度工作任务, 914 项子任务").
public struct TaskBoard: Sendable, Codable, Equatable {
    /// The month, `YYYY-MM`.
    public var month: String
    /// Top-level tasks.
    public var tasks: Int
    /// Sub-tasks.
    public var subtasks: Int
    /// Filed for the month.
    public var filed: Int
    /// Not filed for the month.
    public var unfiled: Int
    /// Overdue.
    public var overdue: Int
    /// Every task, parents before their sub-tasks.
    public var items: [TaskRecord]
}

extension Store {
    /// Creates a task or sub-task (the bureau).
    public func createTask(_ draft: TaskDraft, by actor: Principal, now: Date = Date()) async throws -> Int64 {
        try AccessPolicy.canManageOneWindow(actor)
        var issues: [FieldIssue] = []
        if draft.title.trimmingCharacters(in: .whitespaces).isEmpty || draft.title.count > 200 { issues.append(FieldIssue(field: "title", code: "bad_name", message: Strings["ow.bad_name"])) }
        if draft.owner.trimmingCharacters(in: .whitespaces).isEmpty || draft.owner.count > 100 { issues.append(FieldIssue(field: "owner", code: "required", message: Strings["v.required"])) }
        if CalendarDate(iso: draft.dueOn) == nil { issues.append(FieldIssue(field: "dueOn", code: "bad_date", message: Strings.format("ow.bad_date", ["value": draft.dueOn]))) }
        let drafted = issues
        return try await database.transaction { (db: any SQLDatabase) in
            var issues = drafted
            if try await db.raw("SELECT id FROM organizations WHERE id = \(bind: draft.organizationID)").first() == nil {
                issues.append(FieldIssue(field: "organizationID", code: "unknown_unit", message: Strings.format("ow.unknown_unit", ["value": String(draft.organizationID)])))
            }
            if let p = draft.parentID, try await db.raw("SELECT id FROM ow_tasks WHERE id = \(bind: p) AND parent_id IS NULL").first() == nil {
                issues.append(FieldIssue(field: "parentID", code: "unknown_task", message: Strings.format("problem.detail.notFound", ["what": "task \(p)"])))
            }
            if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
            let row = try await db.raw("""
                INSERT INTO ow_tasks (parent_id, title, organization_id, owner, due_day, created_at)
                VALUES (\(bind: draft.parentID), \(bind: draft.title), \(bind: draft.organizationID), \(bind: draft.owner), \(bind: draft.dueOn), \(bind: Clock.millis(now)))
                RETURNING id
                """).first()
            return try row.orThrow(.notFound("task")).decode(column: "id", as: Int64.self)
        }
    }

    /// Files a task's progress for `month` (`YYYY-MM`), optionally marking it done: the
    /// bureau, or the responsible unit's data officer.
    public func fileTask(id: Int64, month: String, progress: String, done: Bool, by actor: Principal, now: Date = Date()) async throws {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), CalendarDate(year: y, month: m, day: 1) != nil, parts[1].count == 2 else {
            throw StoreError.invalid(ValidationFailure(field: "month", code: "bad_period", message: Strings.format("ow.bad_period", ["value": month])))
        }
        if progress.trimmingCharacters(in: .whitespaces).isEmpty || progress.count > 2000 {
            throw StoreError.invalid(ValidationFailure(field: "progress", code: "required", message: Strings["v.required"]))
        }
        try await database.transaction { (db: any SQLDatabase) in
            let row = try await db.raw("SELECT organization_id FROM ow_tasks WHERE id = \(bind: id)").first()
            try AccessPolicy.canEdit(ownedBy: try row.orThrow(.notFound("task \(id)")).decode(column: "organization_id", as: Int64.self), actor)
            try await db.raw("""
                INSERT INTO ow_task_filings (task_id, month, progress, filed_by, filed_at) VALUES (\(bind: id), \(bind: month), \(bind: progress), \(bind: actor.displayName), \(bind: Clock.millis(now)))
                ON CONFLICT (task_id, month) DO UPDATE SET progress = excluded.progress, filed_by = excluded.filed_by, filed_at = excluded.filed_at
                """).run()
            if done { try await db.raw("UPDATE ow_tasks SET done_day = \(bind: CalendarDate(beijing: now).description) WHERE id = \(bind: id) AND done_day IS NULL").run() }
        }
    }

    /// Every task with its filing for `month` and overdue marks on `today`.
    public func taskBoard(month: String, today: CalendarDate) async throws -> TaskBoard {
        let items = try await database.read { db in
            try await db.raw("""
                SELECT t.*, o.short_name, f.progress FROM ow_tasks t JOIN organizations o ON o.id = t.organization_id
                LEFT JOIN ow_task_filings f ON f.task_id = t.id AND f.month = \(bind: month)
                ORDER BY COALESCE(t.parent_id, t.id), t.parent_id IS NOT NULL, t.id
                """).all().map { r in
                let due = try r.decode(column: "due_day", as: String.self), done = try r.optional("done_day", as: String.self)
                let progress = try r.optional("progress", as: String.self)
                return TaskRecord(
                    id: try r.decode(column: "id", as: Int64.self), parentID: try r.optional("parent_id", as: Int64.self), title: try r.decode(column: "title", as: String.self),
                    organizationID: try r.decode(column: "organization_id", as: Int64.self), organizationName: try r.decode(column: "short_name", as: String.self),
                    owner: try r.decode(column: "owner", as: String.self), dueOn: due, doneOn: done, filed: progress != nil, progress: progress,
                    overdue: done == nil && due < today.description)
            }
        }
        return TaskBoard(month: month, tasks: items.filter { $0.parentID == nil }.count, subtasks: items.filter { $0.parentID != nil }.count,
                         filed: items.filter(\.filed).count, unfiled: items.filter { !$0.filed }.count, overdue: items.filter(\.overdue).count, items: items)
    }
}
