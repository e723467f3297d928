import PostgresNIO
import SQLiteNIO

/// Recognises a unique-key violation from either engine, so a race between two writers (two
/// batches storing the same key at once) is answered as a conflict, not an internal error.
enum ConstraintErrors {
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let e = error as? PSQLError { return e.serverInfo?[.sqlState] == "23505" }
        if let e = error as? SQLiteDirectError { return e.isUniqueViolation }
        if let e = error as? SQLiteError { return e.reason == .constraintUniqueFailed || e.reason == .constraintPrimaryKeyFailed || e.reason == .constraint }
        return false
    }
}
