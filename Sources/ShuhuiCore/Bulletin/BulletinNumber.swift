/// Number formats of the bulletin, as the seeds print them: 万条 with one decimal, 亿 with two,
/// counts with thousands separators. Integer arithmetic only, rounding half up, so a figure
/// prints the same on every platform.
public enum BulletinNumber {
    /// `n` with thousands separators: 4133 → "4,133".
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `n` in units of `divisor`, with `decimals` decimals, rounded half up.
    public static func scaled(_ n: Int64, by divisor: Int64, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let negative = n < 0
        let m = n.magnitude
        let units = (m * UInt64(scale) + UInt64(divisor) / 2) / UInt64(divisor)
        let whole = units / UInt64(scale), fraction = units % UInt64(scale)
        var text = String(whole)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && units > 0 ? "-" : "") + text
    }

    /// 万 with one decimal: 134,631,000 → "13463.1" (the attachments' 万条 columns).
    public static func wan(_ n: Int64) -> String { scaled(n, by: 10_000, decimals: 1) }

    /// Whole 万: 36,233,000 → "3623" (the sentences' 万次).
    public static func wanWhole(_ n: Int64) -> String { scaled(n, by: 10_000, decimals: 0) }

    /// 亿 with two decimals: 37,503,678,000 → "375.04".
    public static func yi(_ n: Int64) -> String { scaled(n, by: 100_000_000, decimals: 2) }

    /// Bytes in the largest binary unit that keeps the number ≥ 1, one decimal: "46.3TB".
    public static func storage(_ bytes: Int64) -> String {
        let units: [(String, Int64)] = [("PB", 1 << 50), ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)]
        for (name, size) in units where bytes >= size { return scaled(bytes, by: size, decimals: 1) + name }
        return "\(bytes)B"
    }

    /// A share as a percentage with two decimals: 79 of 107 → "73.83%"; "0.00%" when `of` is 0.
    public static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0.00%" }
        return scaled(part * 100, by: whole, decimals: 2) + "%"
    }

    /// Integer mean rounded half up: a daily average.
    public static func average(_ total: Int64, over days: Int) -> Int64 {
        guard days > 0 else { return 0 }
        return (total + Int64(days) / 2) / Int64(days)
    }
}
