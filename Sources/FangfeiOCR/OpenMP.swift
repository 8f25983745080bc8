#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps Tesseract's OpenMP parallelism off: on a busy machine it makes recognition about three
/// times slower (measured on 2 cores: 1.4 s against 4.2 s for one flyer), and Fangfei runs
/// several recognitions side by side instead.
///
/// Setting `OMP_THREAD_LIMIT=1` in the environment is not enough on its own: libgomp reads the
/// environment when it is loaded, which is at process start when libtesseract links it. So each
/// recognising thread also calls `omp_set_max_active_levels(0)` (found with `dlsym`; absent when
/// Tesseract was built without OpenMP), which turns every parallel region into a single thread.
/// A user who set `OMP_THREAD_LIMIT` or `OMP_NUM_THREADS` keeps their setting.
enum OpenMP {
  private typealias SetLevels = @convention(c) (Int32) -> Void

  /// True when the user chose OpenMP threading themselves.
  private static let userChose: Bool =
    getenv("OMP_THREAD_LIMIT") != nil || getenv("OMP_NUM_THREADS") != nil

  private static let setMaxActiveLevels: SetLevels? = {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "omp_set_max_active_levels") else {
      return nil
    }
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
