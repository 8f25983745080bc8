import CTesseractLoader

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps Tesseract's OpenMP parallelism off: on a busy machine it makes recognition about three
/// times slower (measured on 2 cores: 1.4 s against 4.2 s for one flyer), and Fangfei runs
/// several recognitions side by side instead.
///
/// `OMP_THREAD_LIMIT=1` is set in the environment before Tesseract (and with it libgomp, which
/// reads the environment when it is loaded) is opened; in case libgomp was loaded earlier, each
/// recognising thread also calls `omp_set_max_active_levels(0)` (found with `dlsym`; absent when
/// Tesseract was built without OpenMP), which turns every parallel region into a single thread.
/// A user who set `OMP_THREAD_LIMIT` or `OMP_NUM_THREADS` keeps their setting.
enum OpenMP {
  private typealias SetLevels = @convention(c) (Int32) -> Void

  /// True when the user chose OpenMP threading themselves.
  private static let userChose: Bool =
    getenv("OMP_THREAD_LIMIT") != nil || getenv("OMP_NUM_THREADS") != nil

  /// Looked up among Tesseract's dependencies (so only once Tesseract is loaded: recognising
  /// threads ask for it, after `FlyerReader.init` loaded the libraries).
  private static let setMaxActiveLevels: SetLevels? = {
    guard let symbol = fangfei_ocr_symbol("omp_set_max_active_levels") else { return nil }
    return unsafeBitCast(symbol, to: SetLevels.self)
  }()

  /// Sets `OMP_THREAD_LIMIT=1` unless the user set it (call before Tesseract is initialised).
  static func limitEnvironment() {
    if !userChose { setenv("OMP_THREAD_LIMIT", "1", 0) }
  }

  /// Makes OpenMP parallel regions on the calling thread single-threaded (call before each
  /// recognition; cheap).
  static func singleThreadHere() {
    if !userChose, let setMaxActiveLevels { setMaxActiveLevels(0) }
  }
}
