/* seg-connect-dialog.c — Open ▸ Connect to Database…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "seg-connect-dialog.h"
#include "seg-job.h"
#include "seg-source.h"

struct _SegConnectDialog
{
  AdwWindow       parent_instance;

  SegWindow      *window;          /* weak */
  GCancellable   *cancellable;
  char           *base;            /* the connected database's URI, without password */
  GPtrArray      *checks;          /* GtkCheckButton*, one per listed table */
  GPtrArray      *names;           /* char*, their names */

  GtkStack       *kind_stack;
  AdwEntryRow    *host_row;
  AdwEntryRow    *port_row;
  AdwEntryRow    *database_row;
  AdwEntryRow    *user_row;
  AdwEntryRow    *password_row;
  AdwComboRow    *ssl_row;
  AdwEntryRow    *file_row;
  GtkButton      *connect_button;
  GtkButton      *open_button;
  GtkButton      *stop_button;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
  GtkWidget      *tables_group;
  GtkListBox     *tables_list;
  GtkWidget      *query_group;
  AdwEntryRow    *query_row;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (SegConnectDialog, seg_connect_dialog, ADW_TYPE_WINDOW)

static const char * const ssl_modes[] = { "prefer", "require", "verify-full", "disable" };

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.segmenta.Segmenta.PostgreSQL", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

/* --- the worker ------------------------------------------------------------ */

typedef struct
{
  gboolean  postgresql;
  char     *host;
  char     *port;
  char     *database;
  char     *user;
  char     *password;     /* as typed; NULL = ask the keyring */
  char     *ssl;
  char     *path;         /* SQLite */
} ConnectJob;

typedef struct
{
  char      *base;        /* the URI without password */
  GPtrArray *tables;      /* SegSourceTable* */
} Connected;

static void
connected_free (Connected *c)
{
  g_free (c->base);
  g_ptr_array_unref (c->tables);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connected, connected_free)

static void
connect_job_free (ConnectJob *job)
{
  g_free (job->host);
  g_free (job->port);
  g_free (job->database);
  g_free (job->user);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->ssl);
  g_free (job->path);
  g_free (job);
}

static char *
escaped (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

/* postgresql://user[:password]@host:port/database?sslmode=… */
static char *
pg_uri (const ConnectJob *job,
        const char       *password)
{
  g_autofree char *user = escaped (job->user);
  g_autofree char *pass = password != NULL && *password ? escaped (password) : NULL;
  g_autofree char *host = escaped (job->host);
  g_autofree char *db = escaped (job->database);
  g_autofree char *port = escaped (job->port);

  /* a socket directory is a host= parameter, not part of the authority */
  if (job->host[0] == '/')
    return g_strdup_printf ("postgresql://%s%s%s%s/%s?host=%s&port=%s&sslmode=%s&connect_timeout=10",
                            user, pass ? ":" : "", pass ? pass : "", *user || pass ? "@" : "",
                            db, host, *port ? port : "5432", job->ssl);
  return g_strdup_printf ("postgresql://%s%s%s%s%s%s%s/%s?sslmode=%s&connect_timeout=10",
                          user, pass ? ":" : "", pass ? pass : "", *user || pass ? "@" : "",
                          host, *port ? ":" : "", port, db, job->ssl);
}

/* On the worker: opens the source and lists its tables. */
static gpointer
connect_job (gpointer         data,
             GCancellable    *cancellable,
             SegProgressFunc  progress,
             gpointer         progress_data,
             GError         **error)
{
  ConnectJob *job = data;
  g_autoptr(SegSource) source = NULL;
  g_autofree char *base = NULL;
  Connected *connected;
  g_autofree char *uri = NULL;
  g_autofree char *stored = NULL;
  GPtrArray *tables;

  if (job->postgresql)
    {
      const char *password = job->password;

      if (password == NULL)
        {
          g_autoptr(GError) local = NULL;
          stored = secret_password_lookup_sync (password_schema (), cancellable, &local,
                                                "host", job->host, "port", job->port,
                                                "database", job->database, "user", job->user, NULL);
          if (local != NULL)
            g_debug ("no keyring: %s", local->message);
          password = stored;
        }
      uri = pg_uri (job, password);
    }
  else
    {
      g_autofree char *path = g_uri_escape_string (job->path, "/", TRUE);
      uri = g_strconcat ("sqlite:", path, NULL);
    }
  base = seg_source_remember (uri);
  source = seg_source_open (uri, cancellable, error);
  if (source == NULL)
    return NULL;
  tables = seg_source_list_tables (source, cancellable, error);
  if (tables == NULL)
    return NULL;
  if (job->postgresql && job->password != NULL && *job->password)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *label = g_strdup_printf (_("Segmenta: PostgreSQL %s@%s/%s"), job->user, job->host,
                                                job->database);
      if (!secret_password_store_sync (password_schema (), SECRET_COLLECTION_DEFAULT, label, job->password,
                                       cancellable, &local, "host", job->host, "port", job->port,
                                       "database", job->database, "user", job->user, NULL))
        g_debug ("the password was not kept: %s", local ? local->message : "");
    }
  connected = g_new0 (Connected, 1);
  connected->base = g_steal_pointer (&base);
  connected->tables = tables;
  return connected;
}

/* --- the dialog ------------------------------------------------------------ */

static void
set_busy (SegConnectDialog *self,
          gboolean          busy,
          const char       *status)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static void
selection_changed_cb (SegConnectDialog *self)
{
  gboolean any;
  g_autofree char *query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->query_row)));

  any = g_strstrip (query)[0] != '\0';
  for (guint i = 0; self->checks && i < self->checks->len && !any; i++)
    any = gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), self->base != NULL && any);
}

static void
clear_tables (SegConnectDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_list))) != NULL)
    gtk_list_box_remove (self->tables_list, child);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->names, 0);
  g_clear_pointer (&self->base, g_free);
  gtk_widget_set_visible (self->tables_group, FALSE);
  gtk_widget_set_visible (self->query_group, FALSE);
  selection_changed_cb (self);
}

static GtkWidget *
table_row (SegConnectDialog     *self,
           const SegSourceTable *table)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *count = NULL;
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, table->rows);
  g_autofree char *subtitle = NULL;

  if (table->rows >= 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", (gulong) table->rows), number);
  else
    count = g_strdup (_("rows not counted"));
  subtitle = g_strdup_printf ("%s · %s", table->view ? _("view") : _("table"), count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), table->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (selection_changed_cb), self);
  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->names, g_strdup (table->name));
  return row;
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SegConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Connected) connected = seg_job_run_finish (result, connect_job, &error);
  GPtrArray *tables = connected ? connected->tables : NULL;
  g_autofree char *status = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        set_busy (self, FALSE, _("Stopped."));
      return;
    }
  if (tables == NULL)
    {
      set_busy (self, FALSE, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  self->base = g_strdup (connected->base);
  for (guint i = 0; i < tables->len; i++)
    gtk_list_box_append (self->tables_list, table_row (self, g_ptr_array_index (tables, i)));
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected: %u table or view.",
                                         "Connected: %u tables and views.", tables->len), tables->len);
  set_busy (self, FALSE, status);
  gtk_widget_set_visible (self->tables_group, tables->len > 0);
  gtk_widget_set_visible (self->query_group, TRUE);
  selection_changed_cb (self);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
connect_clicked_cb (SegConnectDialog *self)
{
  ConnectJob *job = g_new0 (ConnectJob, 1);

  clear_tables (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job->postgresql = g_strcmp0 (gtk_stack_get_visible_child_name (self->kind_stack), "postgresql") == 0;
  if (job->postgresql)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      job->host = row_text (self->host_row);
      job->port = row_text (self->port_row);
      job->database = row_text (self->database_row);
      job->user = row_text (self->user_row);
      job->password = *password ? g_strdup (password) : NULL;
      job->ssl = g_strdup (ssl_modes[MIN (adw_combo_row_get_selected (self->ssl_row), G_N_ELEMENTS (ssl_modes) - 1)]);
      if (*job->database == '\0')
        {
          connect_job_free (job);
          set_busy (self, FALSE, _("Name the database to connect to."));
          return;
        }
    }
  else
    {
      job->path = row_text (self->file_row);
      if (*job->path == '\0')
        {
          connect_job_free (job);
          set_busy (self, FALSE, _("Choose an SQLite file."));
          return;
        }
    }
  set_busy (self, TRUE, job->postgresql ? _("Connecting…") : _("Opening the file…"));
  seg_job_run_async (connect_job, job, (GDestroyNotify) connect_job_free, (GDestroyNotify) connected_free,
                     connect_job, self->cancellable,
                     NULL, NULL, connect_done_cb, g_object_ref (self));
}

static void
stop_clicked_cb (SegConnectDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
kind_changed_cb (SegConnectDialog *self)
{
  if (self->checks != NULL)
    clear_tables (self);
  if (self->status_label != NULL)
    set_busy (self, FALSE, NULL);
}

static void
open_clicked_cb (SegConnectDialog *self)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *query = row_text (self->query_row);

  g_return_if_fail (self->base != NULL);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (uris, seg_source_uri_with (self->base, g_ptr_array_index (self->names, i), NULL));
  if (*query != '\0')
    g_ptr_array_add (uris, seg_source_uri_with (self->base, NULL, query));
  if (uris->len == 0)
    return;
  g_ptr_array_add (uris, NULL);
  if (self->window != NULL)
    seg_window_open_paths (self->window, (const char * const *) uris->pdata);
  gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (SegConnectDialog *self,
                     int               response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->file_row), path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_cb (SegConnectDialog *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open SQLite Database"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
seg_connect_dialog_dispose (GObject *object)
{
  SegConnectDialog *self = SEG_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (seg_connect_dialog_parent_class)->dispose (object);
}

static void
seg_connect_dialog_finalize (GObject *object)
{
  SegConnectDialog *self = SEG_CONNECT_DIALOG (object);

  g_free (self->base);
  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->names);
  G_OBJECT_CLASS (seg_connect_dialog_parent_class)->finalize (object);
}

static void
seg_connect_dialog_class_init (SegConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_connect_dialog_dispose;
  object_class->finalize = seg_connect_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/segmenta/Segmenta/seg-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, kind_stack);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, ssl_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, tables_group);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, tables_list);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, query_group);
  gtk_widget_class_bind_template_child (widget_class, SegConnectDialog, query_row);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_file_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seg_connect_dialog_init (SegConnectDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->names = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), g_get_user_name ());
}

SegConnectDialog *
seg_connect_dialog_new (SegWindow *window)
{
  SegConnectDialog *self = g_object_new (SEG_TYPE_CONNECT_DIALOG, "transient-for", window, NULL);

  g_set_weak_pointer (&self->window, window);
  return self;
}

guint
seg_connect_dialog_get_n_tables (SegConnectDialog *self)
{
  g_return_val_if_fail (SEG_IS_CONNECT_DIALOG (self), 0);
  return self->names->len;
}
