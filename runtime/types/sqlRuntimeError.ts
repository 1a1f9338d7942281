// The error a SQL expression raises at runtime where Flink's generated code throws (integer
// division by zero, a failing CAST): the engine turns it into a task failure. Imports nothing.

/** A runtime failure of a SQL expression, as the Java exception Flink would throw. */
export class SqlRuntimeError extends Error {
  /**
   * @param message the exception message, as Flink's would read
   * @param exceptionClass the Java exception class Flink throws, e.g. `java.lang.ArithmeticException`
   */
  constructor(
    message: string,
    readonly exceptionClass: string = 'org.apache.flink.table.api.TableRuntimeException',
  ) {
    super(message);
    this.name = 'SqlRuntimeError';
  }
}
