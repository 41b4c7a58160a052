/* seg-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "seg-test-util.h"

const char *
seg_test_source_root (void)
{
  const char *root = g_getenv ("SEG_SOURCE_ROOT");
  g_assert_nonnull (root);
  return root;
}

const char *
seg_test_build_root (void)
{
  const char *root = g_getenv ("SEG_BUILD_ROOT");
  g_assert_nonnull (root);
  return root;
}

char *
seg_test_fixture_path (const char *relative)
{
  return g_build_filename (seg_test_source_root (), "tests", "data", relative, NULL);
}

char *
seg_test_shared_data (const char *relative)
{
  g_autofree char *path = g_build_filename (seg_test_source_root (), "..", "shared", "data",
                                            relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&path);
}

gboolean
seg_test_in_ci (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && *ci != '\0' && g_strcmp0 (ci, "0") != 0 && g_ascii_strcasecmp (ci, "false") != 0;
}

char *
seg_test_require_shared_data (const char *relative)
{
  char *path = seg_test_shared_data (relative);

  if (path != NULL)
    return path;
  if (seg_test_in_ci ())
    g_test_fail_printf ("../shared/data/%s is missing, and CI=%s: "
                        "the reference data must be there", relative, g_getenv ("CI"));
  else
    g_test_skip_printf ("../shared/data/%s is not available", relative);
  return NULL;
}

char *
seg_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("segmenta-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
seg_test_rmdir_recursive (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        seg_test_rmdir_recursive (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

char *
seg_test_gunzip_to (const char *gz,
                    const char *dir,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in_file = g_file_new_for_path (gz);
  g_autofree char *out_path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out_path);
  g_autoptr(GInputStream) in = G_INPUT_STREAM (g_file_read (in_file, NULL, &error));
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GOutputStream) out = NULL;

  g_assert_no_error (error);
  unzipped = g_converter_input_stream_new (in, G_CONVERTER (z));
  out = G_OUTPUT_STREAM (g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_splice (out, unzipped, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                          | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out_path);
}

int
seg_test_run_cli_valist (char       **out,
                         char       **err,
                         const char  *first,
                         va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SEGMENTA_CLI"));
  g_assert_nonnull (g_ptr_array_index (argv, 0));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

int
seg_test_run_cli (char       **out,
                  char       **err,
                  const char  *first,
                  ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = seg_test_run_cli_valist (out, err, first, args);
  va_end (args);
  return status;
}

GPtrArray *
seg_test_csv_column (const char *csv,
                     const char *name)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) head = g_strsplit (lines[0], ",", -1);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  int col = -1;

  for (guint c = 0; head[c] != NULL; c++)
    if (g_str_equal (head[c], name))
      col = (int) c;
  g_assert_cmpint (col, >=, 0);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (cells), >, (guint) col);
      g_ptr_array_add (values, g_strdup (cells[col]));
    }
  return values;
}

void
seg_test_expect_check (const char *domain,
                       const char *what)
{
  g_autofree char *pattern = g_strdup_printf ("*assertion*%s*failed*", what);

  g_test_expect_message (domain, G_LOG_LEVEL_CRITICAL, pattern);
}
