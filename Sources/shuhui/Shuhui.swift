import ArgumentParser
import CShuhui
import Foundation
import Hummingbird
import Logging
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore

/// The `shuhui` command: serve, migrate, accounts, demo data, catalog import and export.
@main
struct Shuhui: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shuhui",
        abstract: "数汇 Shuhui — public data resource platform / 公共数据平台",
        subcommands: [Serve.self, Migrate.self, Admin.self, Demo.self, CatalogCommand.self, ImportRecords.self, OneWindowCommand.self, Report.self, Balances.self])
}

/// Where the data is: an SQLite folder by default, PostgreSQL when a URL is given.
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder for the embedded SQLite database.")
    var dataDir: String = "./shuhui-data"

    @Option(help: "postgres://user:password@host:port/db — use PostgreSQL instead of SQLite (or set SHUHUI_DATABASE_URL).")
    var databaseURL: String?

    func open(logger: Logger) async throws -> Store {
        // Every command that opens the store works with the data: set malloc up for it first.
        shuhui_tune_malloc()
        if let url = databaseURL ?? ProcessInfo.processInfo.environment["SHUHUI_DATABASE_URL"], !url.isEmpty {
            return try await Store.open(.postgres(url: url), logger: logger)
        }
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        return try await Store.open(.sqlite(path: (dataDir as NSString).appendingPathComponent("shuhui.sqlite")), logger: logger)
    }
}

/// The operator acting from the command line: full rights, recorded by name in versions.
let operatorPrincipal = Principal(userID: 0, username: "cli", displayName: "命令行 / CLI", role: .admin, organizationID: nil)

func makeLogger() -> Logger {
    var logger = Logger(label: "shuhui") { ConsoleLogHandler(label: $0) }
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}

/// Prints a message on standard error and exits non-zero.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("shuhui: " + message + "\n").utf8))
    return ExitCode.failure
}

func describe(_ error: any Error) -> String {
    switch error {
    case let e as StoreError:
        switch e {
        case .notFound(let what): return "not found / 未找到: \(what)"
        case .duplicate(let f, let v): return "duplicate / 已存在: \(f) = \(v)"
        case .inUse(let what): return "still referenced / 仍被引用: \(what)"
        case .invalid(let failure): return failure.issues.map(describe).joined(separator: "\n")
        case .conflict(let message): return "\(message.zh) / \(message.en)"
        }
    case let e as IngestError:
        switch e {
        case .malformed(let issues):
            return "the batch cannot be read; nothing stored / 批次无法读取，未存储任何记录:\n" + issues.map(describe).joined(separator: "\n")
        }
    case is AccessDenial:
        return "not allowed / 无权操作"
    case let e as CatalogImportError:
        switch e {
        case .invalid(let issues), .forbidden(let issues):
            return "\(issues.count) error(s); nothing imported / 发现 \(issues.count) 处错误，未导入任何数据:\n" + issues.map(describe).joined(separator: "\n")
        }
    default:
        return String(describing: error)
    }
}

func describe(_ issue: FieldIssue) -> String {
    var place: [String] = []
    if let s = issue.sheet { place.append(s) }
    if let r = issue.row { place.append("row \(r)") }
    if let c = issue.column { place.append(c) }
    if let f = issue.field { place.append(f) }
    return "  " + place.joined(separator: " / ") + ": " + issue.message.zh + " (" + issue.message.en + ")"
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (API and console).")

    @OptionGroup var storage: StorageOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Flag(help: "Load the demo city when the database is empty.") var demo = false
    @Option(help: "Exchange folder that push subscriptions deliver files under (default: <data-dir>/exchange).") var exchangeDir: String?
    @Option(help: "Seconds between looks for due push subscriptions.") var pushInterval = 5

    func run() async throws {
        let logger = makeLogger()
        let store = try await storage.open(logger: logger)
        if demo, try await store.isEmpty() {
            logger.info("loading the demo city")
            let logins = try await DemoCity.load(into: store)
            print("Demo logins / 演示账号:")
            // The load's transient memory goes back to the system, not carried for the server's life.
            shuhui_release_free_memory()
            for l in logins { print("  \(l.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(l.password.padding(toLength: 14, withPad: " ", startingAt: 0)) \(l.role)\(l.unit.map { " · " + $0 } ?? "")") }
        }
        let exchange = URL(fileURLWithPath: exchangeDir ?? (storage.dataDir as NSString).appendingPathComponent("exchange"))
        let configuration = ServerConfiguration(host: host, port: port, exchangeRoot: exchange, pushInterval: .seconds(max(pushInterval, 1)))
        let app = ShuhuiApp.application(store: store, configuration: configuration, logger: logger) { port in
            print("Shuhui listening on http://\(host):\(port)/  (console 控制台; API /api/v1; OpenAPI /openapi.json)")
        }
        do {
            try await app.runService()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let store = try await storage.open(logger: makeLogger())
        await store.close()
        print("database is up to date / 数据库已是最新结构")
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage administrator accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a bureau administrator.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Login name.") var username: String
        @Option(help: "Display name.") var displayName: String?
        @Option(help: "Password (or SHUHUI_ADMIN_PASSWORD; otherwise read from standard input).") var password: String?

        func run() async throws {
            guard let secret = password ?? ProcessInfo.processInfo.environment["SHUHUI_ADMIN_PASSWORD"] ?? readLine(strippingNewline: true), !secret.isEmpty else {
                throw fail("no password given / 未提供密码")
            }
            let store = try await storage.open(logger: makeLogger())
            do {
                let user = try await store.createUser(UserInput(username: username, displayName: displayName ?? username, password: secret, role: .admin))
                print("created administrator / 已创建管理员: \(user.username) (id \(user.id))")
            } catch {
                await store.close()
                throw fail(describe(error))
            }
            await store.close()
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo city into an empty database.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let store = try await storage.open(logger: makeLogger())
        guard try await store.isEmpty() else {
            await store.close()
            throw fail("the database already has units; the demo loads only into an empty one / 数据库非空")
        }
        let logins = try await DemoCity.load(into: store)
        for l in logins { print("\(l.username)\t\(l.password)\t\(l.role)") }
        await store.close()
    }
}

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Import or export the catalog spreadsheet.", subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a catalog XLSX or CSV; any bad row means nothing is applied.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The .xlsx or .csv file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw fail("cannot read \(file) / 无法读取文件") }
            let store = try await storage.open(logger: makeLogger())
            do {
                let report = try await store.importCatalog(data: data, filename: (file as NSString).lastPathComponent, by: operatorPrincipal)
                print("created \(report.created.count), updated \(report.updated.count), unchanged \(report.unchanged.count), \(report.fields) data items")
            } catch {
                await store.close()
                throw fail(describe(error))
            }
            await store.close()
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the catalog in the import template's layout.")
        @OptionGroup var storage: StorageOptions
        @Option(name: .shortAndLong, help: "Output file (.xlsx or .csv).") var output: String

        func run() async throws {
            let store = try await storage.open(logger: makeLogger())
            let rows = try await store.exportCatalogRows()
            await store.close()
            let data = output.lowercased().hasSuffix(".csv")
                ? CSV.write(rows)
                : try XLSX.write([Sheet(name: "目录", rows: rows), Sheet(name: "填写说明", rows: CatalogTemplate.guide)])
            guard FileManager.default.createFile(atPath: output, contents: data) else { throw fail("cannot write \(output)") }
            print("wrote \(rows.count - 1) rows to \(output)")
        }
    }
}
