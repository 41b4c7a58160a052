/* seg-cli-file.h — --save, --open and --apply of segmenta-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-analysis-file.h"

G_BEGIN_DECLS

/* Reads an analysis file and says on standard error which inputs changed,
 * moved or are missing; with @need_inputs a missing input is an error. */
SegAnalysisFile   *seg_cli_file_load            (const char      *path,
                                                 gboolean         need_inputs,
                                                 GError         **error);
/* Its dataset settings, on @paths instead of its inputs when given, and with
 * another as-of date when @as_of (YYYY-MM-DD) is given. */
SegDatasetOptions *seg_cli_file_dataset_options (SegAnalysisFile *file,
                                                 char           **paths,
                                                 const char      *as_of,
                                                 GError         **error);
/* Saves @result; the view (persona names…) of @opened is kept when given. */
gboolean           seg_cli_file_save            (SegResult       *result,
                                                 SegAnalysisFile *opened,
                                                 const char      *path,
                                                 GError         **error);
GBytes            *seg_cli_file_migration_csv   (SegAnalysisFile *file,
                                                 SegResult       *applied,
                                                 GError         **error);

G_END_DECLS
