import Foundation

/// The live progress line on standard error (`12,345 msgs  8,000/s  12.3 MB/s  flagged 123  ETA 0:42`)
/// and the optional summary at the end.
struct Progress {
  let live: Bool
  let totalBytes: Int?
  private(set) var messages = 0
  private(set) var bytes = 0
  private(set) var flagged = 0
  private let start = ContinuousClock.now
  private var lastDraw = ContinuousClock.now

  init(live: Bool, totalBytes: Int?) {
    self.live = live
    self.totalBytes = totalBytes
  }

  /// The total size of the inputs when every one is a regular file, else nil.
  static func size(of inputs: [String]) -> Int? {
    var total = 0
    for name in inputs {
      var st = stat()
      let ok = name == "-" ? fstat(STDIN_FILENO, &st) == 0 : stat(name, &st) == 0
      guard ok, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
      total += Int(st.st_size)
    }
    return total
  }

  mutating func add(messages m: Int, bytes b: Int, flagged f: Int) {
    messages += m
    bytes += b
    flagged += f
    guard live else { return }
    let now = ContinuousClock.now
    if now - lastDraw >= .milliseconds(200) {
      lastDraw = now
      draw(now)
    }
  }

  private var seconds: Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  private func draw(_ now: ContinuousClock.Instant) {
    let s = max(seconds, 1e-6)
    var line = "\(Self.grouped(messages)) msgs  \(Self.grouped(Int(Double(messages) / s)))/s"
    line += String(format: "  %.1f MB/s  flagged %@", Double(bytes) / 1e6 / s, Self.grouped(flagged))
    if let total = totalBytes, bytes > 0, total > bytes {
      let eta = Int(Double(total - bytes) / (Double(bytes) / s))
      line += String(format: "  ETA %d:%02d", eta / 60, eta % 60)
    }
    FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
  }

  /// Clears the live line and prints the summary if asked.
  func finish(summary: Bool) {
    if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    guard summary else { return }
    let s = max(seconds, 1e-6)
    let share = messages > 0 ? 100 * Double(flagged) / Double(messages) : 0
    let text = String(
      format: "%@ messages, %@ flagged (%.1f%%), %.2f s, %.1f MB/s\n", Self.grouped(messages), Self.grouped(flagged),
      share, s, Double(bytes) / 1e6 / s)
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }
}
