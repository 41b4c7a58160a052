/* fuzz-dataset.c — the whole load: up to three files, roles detected, joined
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split into files at each line "--8<--" (the seeds are the
 * fixtures of tests/data/dataset and tests/data/ui joined that way), written
 * to a temporary directory and loaded as segmenta-cli does, with every role
 * detected.  It is loaded twice: every file read whole, and with long logs
 * streamed (the threshold set to 2 bytes, so every log is).  Streaming is a
 * way to compute the same thing: when both loads succeed, the customer
 * tables must be the same bytes as CSV.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-dataset.h"

#include "seg-fuzz.h"

#define SEPARATOR "\n--8<--\n"
#define MAX_FILES 3

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  for (guint i = 0; i < MAX_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("input-%u.csv", i + 1);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

/* The first @needle in @p … @end, or NULL (the input may hold NUL bytes). */
static const char *
find (const char *p,
      const char *end,
      const char *needle)
{
  gsize n = strlen (needle);

  for (; (gsize) (end - p) >= n; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

static GBytes *
load (const SegDatasetOptions *options,
      GError                 **error)
{
  g_autoptr(SegDataset) ds = seg_dataset_load (options, NULL, NULL, NULL, error);

  g_assert ((ds == NULL) != (error == NULL || *error == NULL));
  if (ds == NULL)
    return NULL;
  return seg_csv_format_table (seg_dataset_get_customers (ds), NULL, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SegDatasetOptions) options = NULL;
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) stream_error = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) streamed = NULL;
  const char *p = (const char *) data, *end = p + size;
  guint n = 0;

  seg_fuzz_init ();
  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("segmenta-fuzz-XXXXXX", NULL);
      g_assert_nonnull (tmp_dir);
      atexit (remove_tmp_dir);
    }

  options = seg_dataset_options_new ();
  while (n < MAX_FILES)
    {
      const char *cut = n + 1 < MAX_FILES ? find (p, end, SEPARATOR) : NULL;
      const char *stop = cut != NULL ? cut + 1 : end;   /* the file keeps its last line break */
      g_autofree char *name = g_strdup_printf ("input-%u.csv", ++n);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_assert_true (g_file_set_contents (path, p, stop - p, NULL));
      seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
      if (cut == NULL)
        break;
      p = cut + strlen (SEPARATOR);
    }

  whole = load (options, &whole_error);
  seg_dataset_options_set_streaming (options, 2);
  streamed = load (options, &stream_error);
  if (whole != NULL && streamed != NULL && !g_bytes_equal (whole, streamed))
    {
      g_printerr ("whole:\n%.*s\nstreamed:\n%.*s\n",
                  (int) MIN (g_bytes_get_size (whole), 4000), (const char *) g_bytes_get_data (whole, NULL),
                  (int) MIN (g_bytes_get_size (streamed), 4000), (const char *) g_bytes_get_data (streamed, NULL));
      g_error ("the streamed load differs from the whole one");
    }
  return 0;
}
