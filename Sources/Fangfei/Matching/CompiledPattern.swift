internal import CPCRE2
import Foundation

/// A PCRE2 pattern compiled once (UTF + UCP, JIT when available) and shared read-only.
///
/// Thread safety: after `init` returns nothing mutates the `pcre2_code`; PCRE2 documents compiled
/// (and JIT-compiled) code as safe to use from many threads at once, provided each thread brings
/// its own match data and JIT stack. Those live in a ``MatchScratch``, which is not `Sendable`.
/// That is why this class is `@unchecked Sendable`.
package final class CompiledPattern: @unchecked Sendable {
  /// The pattern source as given.
  package let pattern: String
  /// The options it was compiled with.
  package let options: PatternOptions
  /// Number of capture groups (`PCRE2_INFO_CAPTURECOUNT`), not counting group 0.
  package let captureCount: Int
  /// Named groups and their numbers, from `PCRE2_INFO_NAMETABLE`.
  package let namedGroups: [String: Int]
  /// ``namedGroups`` as a list sorted by name (iterating it allocates nothing).
  package let namedGroupList: [(name: String, number: Int)]
  /// Whether `pcre2_jit_compile_8(PCRE2_JIT_COMPLETE)` succeeded; if not, the interpreter is used.
  package let isJIT: Bool
  /// PCRE2's message when JIT compilation failed or was not requested; `nil` when ``isJIT``.
  package let jitFailure: String?
  /// The compiled `pcre2_code_8`, owned by this object and freed in `deinit`.
  let code: OpaquePointer
  /// For a pattern whose JIT compilation waits for its first match: a number no other such
  /// pattern of this process has, under which each ``MatchScratch`` remembers the outcome.
  let lazyJITSlot: Int?
  /// Guards `lazyJITState` (nil for patterns compiled eagerly).
  private let lazyJITLock: NSLock?
  /// 0: not tried yet, 1: JIT-compiled, -1: JIT failed (the interpreter runs). Only read and
  /// written under `lazyJITLock`.
  private var lazyJITState: Int8 = 0

  /// Compiles `pattern` with UTF, UCP and `options`, then JIT-compiles it.
  ///
  /// - Parameters:
  ///   - pattern: The PCRE2 pattern.
  ///   - options: Extra compile options.
  ///   - jit: Pass `false` to skip JIT compilation and always use the interpreter (for tests and
  ///     measurements); if JIT compilation fails the interpreter is used as well, and the reason is
  ///     kept in ``jitFailure``.
  /// - Throws: ``PCRE2CompileError`` with PCRE2's message and the byte offset where it stopped.
  ///   - lazyJIT: With `jit`, defer JIT compilation to the first match (through any
  ///     ``MatchScratch``, from any thread): loading a large pack then costs only PCRE2's
  ///     compilation, and patterns that never run are never JIT-compiled. ``isJIT`` is then
  ///     false and ``jitFailure`` says so; matching uses JIT code once compiled.
  package init(
    _ pattern: String,
    options: PatternOptions = [],
    jit: Bool = true,
    lazyJIT: Bool = false
  ) throws(PCRE2CompileError) {
    var errorCode: Int32 = 0
    var errorOffset = 0
    // A trailing NUL keeps the buffer non-empty (PCRE2 10.42 rejects a NULL pattern even with
    // length 0); the explicit length excludes it, so NUL bytes inside the pattern are allowed.
    var bytes = Array(pattern.utf8)
    let length = bytes.count
    bytes.append(0)
    let flags = options.pcre2Flags
    let compiled = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
      guard let base = buffer.baseAddress else { return nil }
      return pcre2_compile_8(base, length, flags, &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PCRE2CompileError(
        code: errorCode,
        message: pcre2ErrorMessage(errorCode),
        utf8Offset: errorOffset
      )
    }
    self.code = compiled
    self.pattern = pattern
    self.options = options
    self.captureCount = Int(Self.info(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT)))
    self.namedGroups = Self.readNameTable(compiled)
    self.namedGroupList = namedGroups.sorted { $0.key < $1.key }.map { (name: $0.key, number: $0.value) }
    if jit && lazyJIT {
      self.isJIT = false
      self.jitFailure = "JIT deferred to the first match"
      self.lazyJITSlot = LazyJITSlots.shared.next()
      self.lazyJITLock = NSLock()
    } else if jit {
      self.lazyJITSlot = nil
      self.lazyJITLock = nil
      let rc = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
      self.isJIT = rc == 0
      self.jitFailure = rc == 0 ? nil : pcre2ErrorMessage(rc)
    } else {
      self.lazyJITSlot = nil
      self.lazyJITLock = nil
      self.isJIT = false
      self.jitFailure = "JIT not requested"
    }
  }

  /// JIT-compiles a pattern created with `lazyJIT` (the first call does; every call returns
  /// whether JIT code exists). For an eagerly compiled pattern: ``isJIT``.
  ///
  /// Thread safety: the first call compiles under the pattern's lock; a thread that has returned
  /// from this call may match with the code from then on, as it never changes again.
  func compileJITOnce() -> Bool {
    guard let lazyJITLock else { return isJIT }
    lazyJITLock.lock()
    defer { lazyJITLock.unlock() }
    if lazyJITState == 0 {
      lazyJITState = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 ? 1 : -1
    }
    return lazyJITState == 1
  }

  /// Whether JIT code exists now: for a pattern created with `lazyJIT`, whether
  /// ``compileJITOnce()`` has run and succeeded; otherwise ``isJIT``.
  package var hasJITCode: Bool {
    guard let lazyJITLock else { return isJIT }
    return lazyJITLock.withLock { lazyJITState == 1 }
  }

  /// Frees the compiled code (and its JIT code).
  deinit {
    pcre2_code_free_8(code)
  }

  /// The number of the group called `name`, if the pattern has one.
  package func groupNumber(named name: String) -> Int? {
    namedGroups[name]
  }

  /// The byte range of the group called `name` in `match`, or `nil` if there is no such group or
  /// it did not take part in the match.
  package func range(ofGroup name: String, in match: MatchRange) -> Range<Int>? {
    groupNumber(named: name).flatMap { match[group: $0] }
  }

  /// A `UInt32` item of `pcre2_pattern_info_8`; 0 if PCRE2 reports an error.
  private static func info(_ code: OpaquePointer, _ what: UInt32) -> UInt32 {
    var value: UInt32 = 0
    let rc = pcre2_pattern_info_8(code, what, &value)
    return rc == 0 ? value : 0
  }

  /// Decodes `PCRE2_INFO_NAMETABLE`: entries of `NAMEENTRYSIZE` bytes, each a big-endian 16-bit
  /// group number followed by the NUL-terminated UTF-8 name.
  private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
    let count = Int(info(code, UInt32(PCRE2_INFO_NAMECOUNT)))
    let entrySize = Int(info(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE)))
    guard count > 0, entrySize > 2 else { return [:] }
    var table: UnsafePointer<UInt8>? = nil
    guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table) == 0,
      let table
    else { return [:] }
    var names: [String: Int] = [:]
    for index in 0..<count {
      let entry = UnsafeBufferPointer(start: table + index * entrySize, count: entrySize)
      let number = Int(entry[0]) << 8 | Int(entry[1])
      let nameBytes = entry.dropFirst(2).prefix { $0 != 0 }
      names[String(decoding: nameBytes, as: UTF8.self)] = number
    }
    return names
  }
}

/// Hands out the slots of lazily JIT-compiled patterns: unique in the process, so that a
/// ``MatchScratch`` used with patterns of several packs never confuses two of them.
private final class LazyJITSlots: @unchecked Sendable {
  // Safety: `counter` is only touched under `lock`.
  static let shared = LazyJITSlots()
  private let lock = NSLock()
  private var counter = 0

  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    counter += 1
    return counter - 1
  }
}
