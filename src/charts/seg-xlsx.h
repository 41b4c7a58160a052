/* seg-xlsx.h — the analysis as an Excel workbook (libxlsxwriter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three sheets: Summary (data set, as-of date, KPIs, methods and their
 * parameters), Segments (the rows of segments.csv) and Customers (the rows
 * of customers.csv).  Numbers are stored as numbers with formats (money,
 * percent, whole numbers), dates as dates, booleans as booleans; header rows
 * are frozen and filtered, columns sized to their contents, and text cells
 * that a spreadsheet could take for a formula are neutralised as in the CSV
 * export.  Lives beside the report because it shares its KPIs and options.
 */
#pragma once

#include "seg-report.h"

G_BEGIN_DECLS

/* Excel's row limit; a larger customer table is cut there, with a note on
 * the Summary sheet. */
#define SEG_XLSX_MAX_ROWS 1048576

/* Uses @options' dataset_name, currency and persona names (paper and made
 * are ignored; NULL = none).  Written to a temporary file beside @path and
 * renamed over it, so a failed run leaves an existing file as it was. */
gboolean     seg_xlsx_write          (const SegResult        *result,
                                      const SegReportOptions *options,
                                      const char             *path,
                                      GCancellable           *cancellable,
                                      SegProgressFunc         progress,
                                      gpointer                progress_data,
                                      GError                **error);

void         seg_xlsx_write_async    (const SegResult        *result,
                                      const SegReportOptions *options,
                                      const char             *path,
                                      GCancellable           *cancellable,
                                      SegProgressFunc         progress,
                                      gpointer                progress_data,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
gboolean     seg_xlsx_write_finish   (GAsyncResult  *result,
                                      GError       **error);

/* A text cell as the CSV export writes it: a leading ' when it starts with
 * = + - @ TAB or CR and is not a plain number.  Returns: (transfer full) */
char        *seg_xlsx_neutralise     (const char *text);

G_END_DECLS
