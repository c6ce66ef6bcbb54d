/**
 * The report generator: JMH JSON and the run's side files to Markdown, self-contained HTML and
 * PNG charts (XChart), with the verdict on each claim computed from the figures
 * ({@link io.jipc.bench.report.Analysis}) and recommendations.
 */
package io.jipc.bench.report;
