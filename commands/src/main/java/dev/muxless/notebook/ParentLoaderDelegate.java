package dev.muxless.notebook;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Loads snippet classes in a loader whose parent is the application's own loader, so snippets see
 * the toolkit classes the application already loaded (the Spring Boot {@code LaunchedClassLoader}
 * in the fat jar) instead of second copies. JDK 17's {@code DefaultLoaderDelegate} is
 * package-private and always parents on the system loader (../shared/docs/java-stack.md §3.1,
 * §3.2).
 */
final class ParentLoaderDelegate implements LoaderDelegate {

  /** Defines snippet classes from the bytes JShell compiled; everything else from the parent. */
  private static final class SnippetLoader extends URLClassLoader {
    final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    SnippetLoader(ClassLoader parent) {
      super("muxless-notebook", new URL[0], parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = declared.get(name);
      return b != null ? defineClass(name, b, 0, b.length) : super.findClass(name);
    }
  }

  private final SnippetLoader loader;
  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

  ParentLoaderDelegate(ClassLoader parent) {
    this.loader = new SnippetLoader(parent);
  }

  @Override
  public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
    boolean[] installed = new boolean[cbcs.length];
    int i = 0;
    try {
      for (ClassBytecodes c : cbcs) {
        loader.declared.put(c.name(), c.bytecodes());
      }
      for (ClassBytecodes c : cbcs) {
        Class<?> k = loader.loadClass(c.name());
        classes.put(c.name(), k);
        installed[i++] = true;
        k.getDeclaredMethods(); // link now, so a bad class fails here and not mid-snippet
      }
    } catch (Throwable t) {
      throw new ClassInstallException("load: " + t.getMessage(), installed);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] cbcs) {
    for (ClassBytecodes c : cbcs) {
      loader.declared.put(c.name(), c.bytecodes());
    }
  }

  @Override
  public void addToClasspath(String path) {
    // the toolkit is visible through the parent loader; the path is for javac only
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> k = classes.get(name);
    if (k == null) {
      throw new ClassNotFoundException(name);
    }
    return k;
  }
}
