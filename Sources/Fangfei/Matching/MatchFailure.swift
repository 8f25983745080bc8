internal import CPCRE2

/// Why a match call failed (as opposed to finding no match, which is not an error).
package enum MatchFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// `PCRE2_ERROR_MATCHLIMIT`: ``MatchLimits/matchLimit`` was exceeded (catastrophic
  /// backtracking); reported by both JIT and interpreter.
  case matchLimit
  /// `PCRE2_ERROR_DEPTHLIMIT`: ``MatchLimits/depthLimit`` was exceeded (interpreter only).
  case depthLimit
  /// `PCRE2_ERROR_HEAPLIMIT`: ``MatchLimits/heapLimitKiB`` was exceeded (interpreter only).
  case heapLimit
  /// `PCRE2_ERROR_JIT_STACKLIMIT`: the JIT stack (``MatchLimits/jitStackMaxKiB``) was too small.
  case jitStackLimit
  /// Any other PCRE2 error: its negative error code and PCRE2's message. Fangfei also uses
  /// `PCRE2_ERROR_BADOFFSET` and `PCRE2_ERROR_BADUTFOFFSET` for a start offset outside the
  /// subject or inside a UTF-8 sequence, and `PCRE2_ERROR_NOMEMORY` when PCRE2 could not allocate.
  case other(code: Int32, message: String)

  /// Maps a negative PCRE2 match return code (other than "no match") to a failure.
  init(pcre2Code code: Int32) {
    switch code {
    case PCRE2_ERROR_MATCHLIMIT: self = .matchLimit
    case PCRE2_ERROR_DEPTHLIMIT: self = .depthLimit
    case PCRE2_ERROR_HEAPLIMIT: self = .heapLimit
    case PCRE2_ERROR_JIT_STACKLIMIT: self = .jitStackLimit
    default: self = .other(code: code, message: pcre2ErrorMessage(code))
    }
  }

  /// A short English description naming the limit or PCRE2's message.
  package var description: String {
    switch self {
    case .matchLimit: "match limit exceeded"
    case .depthLimit: "depth limit exceeded"
    case .heapLimit: "heap limit exceeded"
    case .jitStackLimit: "JIT stack limit exceeded"
    case .other(let code, let message): "PCRE2 error \(code): \(message)"
    }
  }
}

/// PCRE2's text for an error code (compile errors are positive, match errors negative).
func pcre2ErrorMessage(_ code: Int32) -> String {
  var buffer = [UInt8](repeating: 0, count: 256)
  let length = buffer.withUnsafeMutableBufferPointer { pointer -> Int32 in
    guard let base = pointer.baseAddress else { return -1 }
    return pcre2_get_error_message_8(code, base, pointer.count)
  }
  guard length >= 0 else { return "unknown PCRE2 error \(code)" }
  return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
}
