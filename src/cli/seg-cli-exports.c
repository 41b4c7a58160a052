/* seg-cli-exports.c — segmenta-cli's --report and --xlsx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept apart from seg-cli-run.c: the options join the main group and
 * the files are written after the analysis, each atomically.
 */
#define G_LOG_DOMAIN "segmenta-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-cli-exports.h"
#include "seg-error.h"
#include "seg-report.h"
#include "seg-xlsx.h"

void
seg_cli_exports_add_entries (GOptionContext *context,
                             SegCliExports  *e)
{
  const GOptionEntry entries[] = {
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &e->report, N_("Write the analysis as a PDF report"), N_("FILE.pdf") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &e->paper, N_("Report paper size: a4 or letter (default: the locale's)"), N_("SIZE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &e->xlsx, N_("Write an Excel workbook with Summary, Segments and Customers sheets"), N_("FILE.xlsx") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
seg_cli_exports_check (const SegCliExports *e,
                       GError             **error)
{
  SegPaper paper;

  if (e->paper != NULL && !seg_paper_parse (e->paper, &paper))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--paper %s: use a4 or letter"), e->paper);
      return FALSE;
    }
  if (e->paper != NULL && e->report == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--paper needs --report FILE.pdf"));
      return FALSE;
    }
  return TRUE;
}

gboolean
seg_cli_exports_write (const SegCliExports *e,
                       SegResult           *result,
                       GError             **error)
{
  if (e->report != NULL)
    {
      SegReportOptions options;

      seg_report_options_init (&options);
      if (e->paper != NULL)
        seg_paper_parse (e->paper, &options.paper);
      if (!seg_report_write (result, &options, e->report, NULL, NULL, NULL, error))
        return FALSE;
    }
  if (e->xlsx != NULL && !seg_xlsx_write (result, NULL, e->xlsx, NULL, NULL, NULL, error))
    return FALSE;
  return TRUE;
}

void
seg_cli_exports_clear (SegCliExports *e)
{
  g_free (e->report);
  g_free (e->paper);
  g_free (e->xlsx);
}
