/* seg-cli-exports.h — segmenta-cli's --report and --xlsx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-analysis.h"

G_BEGIN_DECLS

typedef struct
{
  char *report;   /* --report FILE.pdf */
  char *paper;    /* --paper a4|letter (default: the locale's) */
  char *xlsx;     /* --xlsx FILE.xlsx */
} SegCliExports;

/* Adds the options to @context's main group; they fill @exports. */
void          seg_cli_exports_add_entries  (GOptionContext *context,
                                            SegCliExports  *exports);
/* Usage errors (SEG_ERROR_USAGE) before anything is read. */
gboolean      seg_cli_exports_check        (const SegCliExports *exports,
                                            GError             **error);
/* Writes what was asked for. */
gboolean      seg_cli_exports_write        (const SegCliExports *exports,
                                            SegResult           *result,
                                            GError             **error);
void          seg_cli_exports_clear        (SegCliExports       *exports);

G_END_DECLS
