/* seg-publish.c — write files so that they appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-publish"
#define _GNU_SOURCE 1 /* sync_file_range () */

#include "config.h"

#include "seg-publish.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "seg-error.h"

/* Bytes handed to write() at a time: small enough that a test can stop the
 * process in the middle of a file, large enough to cost nothing. */
#define CHUNK (1u << 20)

typedef struct
{
  char     *final;    /* where the file ends up */
  char     *tmp;      /* the temporary file beside it, NULL once renamed */
  char     *backup;   /* a hard link to the file @final replaced, until the set is complete */
  gboolean  reserved; /* written by the caller through seg_publish_add_path() */
  gboolean  existed;  /* @final was a file before the commit */
  gboolean  renamed;
} Entry;

struct _SegPublish
{
  char      *dir;
  GPtrArray *entries;      /* Entry */
  GPtrArray *created_dirs; /* folders this set made, parents first */
  GPtrArray *paths;        /* final paths, for callers */
  gboolean   failed;
  gboolean   committed;
};

static void
entry_free (Entry *e)
{
  g_free (e->final);
  g_free (e->tmp);
  g_free (e->backup);
  g_free (e);
}

SegPublish *
seg_publish_new (const char *dir)
{
  SegPublish *pub;

  g_return_val_if_fail (dir != NULL, NULL);

  pub = g_new0 (SegPublish, 1);
  pub->dir = g_strdup (*dir != '\0' ? dir : ".");
  pub->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  pub->created_dirs = g_ptr_array_new_with_free_func (g_free);
  pub->paths = g_ptr_array_new_with_free_func (g_free);
  return pub;
}

/* Removes every temporary and backup file and the folders the set created;
 * files already renamed are put back first. */
static void
roll_back (SegPublish *pub)
{
  for (guint i = 0; i < pub->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pub->entries, i);

      if (e->renamed)
        {
          if (e->backup != NULL)
            {
              if (g_rename (e->backup, e->final) == 0)
                g_clear_pointer (&e->backup, g_free);
            }
          else if (!e->existed)
            g_unlink (e->final);
          /* else: the old file could not be linked aside; the new one, whole, stays */
          e->renamed = FALSE;
        }
      if (e->tmp != NULL)
        g_unlink (e->tmp);
      if (e->backup != NULL)
        g_unlink (e->backup);
      g_clear_pointer (&e->tmp, g_free);
      g_clear_pointer (&e->backup, g_free);
    }
  for (guint i = pub->created_dirs->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (pub->created_dirs, i - 1));
  g_ptr_array_set_size (pub->created_dirs, 0);
}

void
seg_publish_free (SegPublish *pub)
{
  if (pub == NULL)
    return;
  if (!pub->committed)
    roll_back (pub);
  g_ptr_array_unref (pub->entries);
  g_ptr_array_unref (pub->created_dirs);
  g_ptr_array_unref (pub->paths);
  g_free (pub->dir);
  g_free (pub);
}

GPtrArray *
seg_publish_get_paths (SegPublish *pub)
{
  g_return_val_if_fail (pub != NULL, NULL);
  return pub->paths;
}

static void
set_io_error (GError    **error,
              const char *path,
              int         errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot write: %s"), display,
               g_strerror (errsv));
}

/* Creates @folder and its missing parents, remembering each one made. */
static gboolean
ensure_dir (SegPublish *pub,
            const char *folder,
            GError    **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  char *p = g_strdup (folder);

  while (!g_file_test (p, G_FILE_TEST_IS_DIR))
    {
      char *parent = g_path_get_dirname (p);

      g_ptr_array_add (missing, p);
      if (strcmp (parent, p) == 0)
        {
          g_free (parent);
          p = NULL;
          break;
        }
      p = parent;
    }
  g_free (p);
  for (guint i = missing->len; i > 0; i--)
    {
      const char *d = g_ptr_array_index (missing, i - 1);

      if (g_mkdir (d, 0777) != 0 && errno != EEXIST)
        {
          int errsv = errno;
          g_autofree char *display = g_filename_display_name (d);

          g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot create the folder: %s"),
                       display, g_strerror (errsv));
          return FALSE;
        }
      g_ptr_array_add (pub->created_dirs, g_strdup (d));
    }
  return TRUE;
}

/* Tests set SEGMENTA_PUBLISH_PAUSE=N to have the process stop itself
 * (SIGSTOP) once exactly N bytes of temporary files are written, in the
 * middle of a file, so that they can kill it at that point. */
static gsize pause_limit = 0;
static gsize pause_total = 0;

static gsize
pause_remaining (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("SEGMENTA_PUBLISH_PAUSE");
      pause_limit = env != NULL ? (gsize) g_ascii_strtoull (env, NULL, 10) : 0;
      g_once_init_leave (&once, 1);
    }
  if (pause_limit == 0 || pause_total >= pause_limit)
    return G_MAXSIZE;
  return pause_limit - pause_total;
}

static int
write_all (int         fd,
           const char *data,
           gsize       len)
{
  gsize done = 0;

  while (done < len)
    {
      gsize n = MIN (MIN (len - done, CHUNK), pause_remaining ());
      gssize w = write (fd, data + done, n);

      if (w < 0)
        {
          if (errno == EINTR)
            continue;
          return errno;
        }
      if (w == 0)
        return ENOSPC;
      done += (gsize) w;
      if (pause_limit != 0 && pause_total < pause_limit &&
          (pause_total += (gsize) w) >= pause_limit)
        raise (SIGSTOP);
    }
  return 0;
}

/* Checks @name, makes its folder and a fresh temporary file there.
 * Returns the new entry (already in the set) and the open descriptor. */
static Entry *
begin_entry (SegPublish *pub,
             const char *name,
             int        *fd_out,
             GError    **error)
{
  g_autofree char *final = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *tmp_name = NULL;
  g_auto(GStrv) parts = NULL;
  Entry *e;
  int fd;

  g_return_val_if_fail (pub != NULL && name != NULL, NULL);
  g_return_val_if_fail (!pub->committed, NULL);

  parts = g_strsplit (name, "/", -1);
  if (*name == '\0' || g_path_is_absolute (name) ||
      g_strv_contains ((const char * const *) parts, "..") ||
      g_strv_contains ((const char * const *) parts, ""))
    {
      g_critical ("seg_publish: “%s” is not a relative file name", name);
      pub->failed = TRUE;
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED, _("%s: not a file name"), name);
      return NULL;
    }
  final = g_build_filename (pub->dir, name, NULL);
  for (guint i = 0; i < pub->entries->len; i++)
    if (strcmp (((Entry *) g_ptr_array_index (pub->entries, i))->final, final) == 0)
      {
        g_critical ("seg_publish: “%s” added twice", name);
        pub->failed = TRUE;
        g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED, _("%s: written twice"), name);
        return NULL;
      }
  folder = g_path_get_dirname (final);
  if (!ensure_dir (pub, folder, error))
    {
      pub->failed = TRUE;
      return NULL;
    }
  base = g_path_get_basename (final);
  if (strlen (base) > 200)
    base[200] = '\0';
  tmp_name = g_strdup_printf (".%s.XXXXXX.tmp", base);
  tmpl = g_build_filename (folder, tmp_name, NULL);
  /* O_CREAT | O_EXCL are added by g_mkstemp_full; 0666 minus the umask
   * gives the file the mode of any new file (g_mkstemp would make it 0600). */
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, final, errno);
      pub->failed = TRUE;
      return NULL;
    }
  e = g_new0 (Entry, 1);
  e->final = g_steal_pointer (&final);
  e->tmp = g_steal_pointer (&tmpl);
  g_ptr_array_add (pub->entries, e);
  g_ptr_array_add (pub->paths, g_strdup (e->final));
  *fd_out = fd;
  return e;
}

struct _SegPublishSink
{
  Entry  *entry;
  int     fd;
  int     errsv;   /* the first failure */
  guint64 written;
  guint64 flushed; /* bytes handed to the disk so far */
};

/* Once this much more is written, the disk is asked to start on it: the
 * final fsync of a 90 MB file then waits for its tail only. */
#define FLUSH_EVERY ((guint64) 8 << 20)

gboolean
seg_publish_sink_write (SegPublishSink  *sink,
                        const void      *data,
                        gsize            len,
                        GError         **error)
{
  g_return_val_if_fail (sink != NULL && (data != NULL || len == 0), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sink->errsv == 0)
    sink->errsv = write_all (sink->fd, data, len);
  if (sink->errsv != 0)
    {
      set_io_error (error, sink->entry->final, sink->errsv);
      return FALSE;
    }
  sink->written += len;
#ifdef SYNC_FILE_RANGE_WRITE
  if (sink->written - sink->flushed >= FLUSH_EVERY)
    {
      /* only a hint: fsync () below is what makes the file safe */
      (void) sync_file_range (sink->fd, (off_t) sink->flushed, (off_t) (sink->written - sink->flushed),
                              SYNC_FILE_RANGE_WRITE);
      sink->flushed = sink->written;
    }
#endif
  return TRUE;
}

gboolean
seg_publish_add_writer (SegPublish        *pub,
                        const char        *name,
                        SegPublishWriter   writer,
                        gpointer           user_data,
                        GError           **error)
{
  SegPublishSink sink = { NULL, -1, 0, 0, 0 };
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (pub != NULL && name != NULL && writer != NULL, FALSE);
  g_return_val_if_fail (!pub->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sink.entry = begin_entry (pub, name, &sink.fd, error);
  if (sink.entry == NULL)
    return FALSE;
  ok = writer (&sink, user_data, &local);
  if (ok && fsync (sink.fd) != 0)
    sink.errsv = errno;
  if (close (sink.fd) != 0 && ok && sink.errsv == 0)
    sink.errsv = errno;
  if (!ok || sink.errsv != 0)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        set_io_error (error, sink.entry->final, sink.errsv != 0 ? sink.errsv : EIO);
      g_unlink (sink.entry->tmp);
      g_clear_pointer (&sink.entry->tmp, g_free);
      pub->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const void *data;
  gsize       len;
} Bytes;

static gboolean
write_bytes (SegPublishSink  *sink,
             gpointer         user_data,
             GError         **error)
{
  Bytes *bytes = user_data;

  return seg_publish_sink_write (sink, bytes->data, bytes->len, error);
}

gboolean
seg_publish_add_data (SegPublish  *pub,
                      const char  *name,
                      const void  *data,
                      gsize        len,
                      GError     **error)
{
  Bytes bytes = { data, len };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  return seg_publish_add_writer (pub, name, write_bytes, &bytes, error);
}

gboolean
seg_publish_add (SegPublish  *pub,
                 const char  *name,
                 GBytes      *bytes,
                 GError     **error)
{
  gsize len;
  const void *data;

  g_return_val_if_fail (pub != NULL && name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  data = g_bytes_get_data (bytes, &len);
  return seg_publish_add_data (pub, name, data != NULL ? data : "", len, error);
}

const char *
seg_publish_add_path (SegPublish  *pub,
                      const char  *name,
                      GError     **error)
{
  Entry *e;
  int fd = -1;

  g_return_val_if_fail (pub != NULL && name != NULL, NULL);
  g_return_val_if_fail (!pub->committed, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  e = begin_entry (pub, name, &fd, error);
  if (e == NULL)
    return NULL;
  close (fd);
  e->reserved = TRUE;
  return e->tmp;
}

static int
sync_path (const char *path,
           gboolean    folder)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
  int errsv = 0;

  if (fd < 0)
    return errno;
  if (fsync (fd) != 0)
    errsv = errno;
  close (fd);
  /* some file systems cannot sync a folder; the rename itself is done */
  if (folder && (errsv == EINVAL || errsv == EROFS || errsv == EBADF))
    errsv = 0;
  return errsv;
}

gboolean
seg_publish_commit (SegPublish  *pub,
                    GError     **error)
{
  g_autoptr(GHashTable) folders = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (pub != NULL, FALSE);
  g_return_val_if_fail (!pub->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pub->failed)
    {
      roll_back (pub);
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: a file of this export could not be written"),
                   pub->dir);
      return FALSE;
    }

  /* files written by the caller: on disk before anything is renamed */
  for (guint i = 0; i < pub->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pub->entries, i);
      int errsv;

      if (e->reserved && (errsv = sync_path (e->tmp, FALSE)) != 0)
        {
          set_io_error (error, e->final, errsv);
          roll_back (pub);
          return FALSE;
        }
    }

  /* keep each replaced file as a hard link until the whole set is in place,
   * so a failed rename can put the earlier ones back */
  for (guint i = 0; i < pub->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pub->entries, i);
      GStatBuf st;

      if (g_lstat (e->final, &st) == 0 && S_ISREG (st.st_mode))
        {
          e->existed = TRUE;
          e->backup = g_strconcat (e->tmp, ".old", NULL);
          if (link (e->final, e->backup) != 0)
            g_clear_pointer (&e->backup, g_free);
        }
    }

  folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < pub->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pub->entries, i);

      if (g_rename (e->tmp, e->final) != 0)
        {
          set_io_error (error, e->final, errno);
          roll_back (pub);
          return FALSE;
        }
      e->renamed = TRUE;
      g_clear_pointer (&e->tmp, g_free);
      g_hash_table_add (folders, g_path_get_dirname (e->final));
    }
  pub->committed = TRUE;

  /* the renames (and any folder made) on disk; then the old versions go */
  for (guint i = 0; i < pub->created_dirs->len; i++)
    g_hash_table_add (folders, g_path_get_dirname (g_ptr_array_index (pub->created_dirs, i)));
  g_hash_table_iter_init (&iter, folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    sync_path (key, TRUE);
  for (guint i = 0; i < pub->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pub->entries, i);

      if (e->backup != NULL)
        g_unlink (e->backup);
      g_clear_pointer (&e->backup, g_free);
    }
  return TRUE;
}

gboolean
seg_publish_file (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(SegPublish) pub = NULL;

  g_return_val_if_fail (path != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* a single file goes into a folder that exists (a file chooser's) */
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      set_io_error (error, path, ENOENT);
      return FALSE;
    }
  pub = seg_publish_new (dir);
  return seg_publish_add (pub, base, bytes, error) && seg_publish_commit (pub, error);
}
