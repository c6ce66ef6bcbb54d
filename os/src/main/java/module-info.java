/**
 * jipc's native layer: the libc bindings, struct layouts, errno mapping, native memory and the
 * process spawner that the backend modules build on. Not meant for applications (they use
 * {@code io.jipc.api}); exported because every backend module, and the generated JNR classes that
 * implement the bindings (defined in JNR's own class loader, outside any named module), need it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // JNR's jars are automatic modules
module io.jipc.os {
    requires transitive io.jipc.api;
    // the bindings still hand out JNR-FFI types (Pointer); JNR-POSIX stays inside os (Spawner)
    requires transitive org.jnrproject.ffi;
    requires org.jnrproject.posix;
    requires org.jnrproject.jffi;
    requires org.jnrproject.constants;
    // JNR generates the bindings' classes with ASM, an explicit module that JNR (automatic) cannot
    // make the module system resolve by itself: without this, an application on the module path
    // fails at the first native call with NoClassDefFoundError: org/objectweb/asm/ClassVisitor
    requires org.objectweb.asm;
    // RawMemory (the ring's per-message loads, stores and copies) uses sun.misc.Unsafe; no other module does
    requires jdk.unsupported;

    exports io.jipc.os;
    exports io.jipc.os.layout;

    provides io.jipc.spi.PollerProvider with io.jipc.os.EpollPoller.Provider;
}
