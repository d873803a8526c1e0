package dev.muxless.notebook;

import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * A local (same JVM) JShell execution engine whose snippet loader has the application's loader as
 * parent: about 25 ms per snippet against about 115 ms for the default remote engine
 * (../shared/docs/java-stack.md §3.3). {@code LocalExecutionControl(ClassLoader)} only exists from
 * JDK 22, so this goes through the public {@link jdk.jshell.execution.LoaderDelegate} constructor.
 */
final class ParentLoaderExecutionControlProvider implements ExecutionControlProvider {
  private final ClassLoader parent;

  ParentLoaderExecutionControlProvider(ClassLoader parent) {
    this.parent = parent;
  }

  @Override
  public String name() {
    return "muxless-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    return new LocalExecutionControl(new ParentLoaderDelegate(parent));
  }
}
