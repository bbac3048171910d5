//! Uploading a photo with `XMLHttpRequest`: unlike `fetch`, it tells how much of the
//! file has been sent (a progress bar per file) and can be stopped half-way.

use kring_api::{paths, Day, Photo};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest, XmlHttpRequestUpload};

use super::client;
use super::ApiError;

/// The request's progress listener, removed (and the request stopped, if it still
/// runs) when the upload ends or is dropped, so the browser never calls a dropped
/// closure.
struct Listening {
    request: XmlHttpRequest,
    upload: XmlHttpRequestUpload,
    _progress: Closure<dyn Fn(ProgressEvent)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.upload.set_onprogress(None);
        self.request.set_onloadend(None);
        // 4 is DONE: anything before that is still on its way.
        if self.request.ready_state() != 4 {
            let _ = self.request.abort();
        }
    }
}

/// A script error as an API error (the request could not even be made).
fn script_error(error: JsValue) -> ApiError {
    ApiError::Decode(format!("{error:?}"))
}

/// Where an uploaded photo goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoTarget {
    /// One client's gallery (`POST /portals/{client_id}/photos`).
    Portal(i64),
    /// Staff: a photo of a joint activity, shown in each of these clients' galleries
    /// (`POST /staff/photos`).
    Clients(Vec<i64>),
}

/// One photo on its way to the server (multipart, to a [`PhotoTarget`]).
/// Clones share the request, so one can send and another stop it.
#[derive(Clone)]
pub struct PhotoUpload {
    request: XmlHttpRequest,
}

impl PhotoUpload {
    /// A new upload, not yet sent.
    pub fn new() -> Result<Self, ApiError> {
        XmlHttpRequest::new()
            .map(|request| Self { request })
            .map_err(script_error)
    }

    /// Stops the upload; [`PhotoUpload::send`] then ends with an error the caller
    /// ignores (it knows it stopped it).
    pub fn cancel(&self) {
        let _ = self.request.abort();
    }

    /// Sends `file` with its caption and day taken (both optional) to `target`,
    /// calling `on_progress(sent, total)` in bytes as the body goes out. The server's
    /// problem on failure, as every other request gives it.
    pub async fn send(
        &self,
        target: &PhotoTarget,
        file: &File,
        caption: &str,
        taken_on: Option<Day>,
        on_progress: impl Fn(f64, f64) + 'static,
    ) -> Result<Photo, ApiError> {
        let form = FormData::new().map_err(script_error)?;
        form.append_with_blob_and_filename("file", file, &file.name())
            .map_err(script_error)?;
        let caption = caption.trim();
        if !caption.is_empty() {
            form.append_with_str("caption", caption)
                .map_err(script_error)?;
        }
        if let Some(day) = taken_on {
            form.append_with_str("taken_on", &day.to_string())
                .map_err(script_error)?;
        }
        let path = match target {
            PhotoTarget::Portal(client_id) => paths::fill(paths::PHOTOS, &[*client_id]),
            PhotoTarget::Clients(client_ids) => {
                for client_id in client_ids {
                    form.append_with_str("client_id", &client_id.to_string())
                        .map_err(script_error)?;
                }
                paths::STAFF_PHOTOS.to_owned()
            }
        };
        self.send_form(&path, &form, on_progress).await
    }

    async fn send_form(
        &self,
        path: &str,
        form: &FormData,
        on_progress: impl Fn(f64, f64) + 'static,
    ) -> Result<Photo, ApiError> {
        let request = &self.request;
        let url = format!("{}{path}", client::api_base());
        request
            .open_with_async("POST", &url, true)
            .map_err(script_error)?;
        // The session cookie goes along, also when the API is on another origin.
        request.set_with_credentials(true);
        for (name, value) in [
            ("Accept", "application/json".to_owned()),
            ("Accept-Language", client::page_language()),
            (client::CSRF_HEADER, "1".to_owned()),
        ] {
            request
                .set_request_header(name, &value)
                .map_err(script_error)?;
        }
        let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() {
                on_progress(event.loaded(), event.total());
            }
        });
        let upload = request.upload().map_err(script_error)?;
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        let listening = Listening {
            request: request.clone(),
            upload,
            _progress: progress,
        };
        // `loadend` comes after success, failure and abort alike.
        let finished = js_sys::Promise::new(&mut |resolve, _reject| {
            request.set_onloadend(Some(&resolve));
        });
        request
            .send_with_opt_form_data(Some(form))
            .map_err(script_error)?;
        let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
        drop(listening);

        let status = request.status().unwrap_or(0);
        if status == 0 {
            // Stopped, or no answer at all.
            return Err(if client::is_offline() {
                ApiError::Offline
            } else {
                ApiError::Network("upload".into())
            });
        }
        client::reached_server();
        let body = request.response_text().ok().flatten().unwrap_or_default();
        if (200..300).contains(&status) {
            serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
        } else {
            Err(client::problem_or_status(status, &body))
        }
    }
}
