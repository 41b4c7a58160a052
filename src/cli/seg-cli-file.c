/* seg-cli-file.c — --save, --open and --apply of segmenta-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "segmenta-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "seg-cli-file.h"
#include "seg-error.h"
#include "seg-migration.h"
#include "seg-table.h"

SegAnalysisFile *
seg_cli_file_load (const char *path,
                   gboolean    need_inputs,
                   GError    **error)
{
  g_autoptr(SegAnalysisFile) file = seg_analysis_file_load (path, NULL, error);
  g_autoptr(GPtrArray) notes = NULL;
  gboolean missing = FALSE;

  if (file == NULL)
    return NULL;
  if (!need_inputs)
    return g_steal_pointer (&file);
  /* changed or moved inputs are said, never passed over */
  notes = seg_analysis_file_describe_inputs (file);
  for (guint i = 0; i < notes->len; i++)
    g_printerr ("%s: %s: %s\n", path, _("warning"), (char *) g_ptr_array_index (notes, i));
  for (guint i = 0; i < seg_analysis_file_get_n_inputs (file); i++)
    missing |= seg_analysis_file_get_input (file, i)->state == SEG_INPUT_MISSING;
  if (missing)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO,
                   _("%s: an input of the analysis cannot be found; put it back, or run the files with --apply"),
                   path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

SegDatasetOptions *
seg_cli_file_dataset_options (SegAnalysisFile *file,
                              char           **paths,
                              const char      *as_of,
                              GError         **error)
{
  g_autoptr(SegDatasetOptions) options = seg_analysis_file_dataset_options (file, (const char * const *) paths, error);
  int y, m, d;
  char tail;

  if (options == NULL)
    return NULL;
  if (as_of != NULL)
    {
      double day;
      int yy, mm, dd;

      if (sscanf (as_of, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31 ||
          (day = seg_date_from_ymd (y, m, d), !seg_date_to_ymd (day, &yy, &mm, &dd)) || yy != y || mm != m || dd != d)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("--as-of %s: write the date as YYYY-MM-DD"), as_of);
          return NULL;
        }
      seg_dataset_options_set_as_of (options, day);
    }
  return g_steal_pointer (&options);
}

gboolean
seg_cli_file_save (SegResult       *result,
                   SegAnalysisFile *opened,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(SegAnalysisFile) file = NULL;

  file = seg_analysis_file_new_from_result (result, opened ? seg_analysis_file_get_view (opened) : NULL, NULL, error);
  return file != NULL && seg_analysis_file_save (file, path, error);
}

GBytes *
seg_cli_file_migration_csv (SegAnalysisFile *file,
                            SegResult       *applied,
                            GError         **error)
{
  g_autoptr(SegMigration) migration = seg_migration_compute (file, applied, error);

  if (migration == NULL)
    return NULL;
  for (guint i = 0; i < migration->n_methods; i++)
    {
      const SegMigrationMethod *m = &migration->methods[i];
      g_printerr ("segmenta-cli: %s: %s: %u %s, %u %s, %u %s, %u %s\n", _("note"), m->method,
                  m->stayed, _("stayed"), m->moved, _("moved"), m->added, _("new"), m->lost, _("gone"));
    }
  return seg_migration_format_csv (migration);
}
