/* global window, document, navigator, location, fetch, URL, URLSearchParams */
/*
 * The web chat page script. It starts in the language of the browser (or of `?lang=`), gets a Direct Line
 * token from the bot (POST /api/directline/token: Azure Direct Line in production, the bot's own endpoint
 * locally), renders the official Web Chat, and follows the language of the bot's replies: when a reply
 * carries another `locale`, the page's lang, dir, strings and Web Chat's locale and dir switch with it.
 * No user-visible text lives here: it comes from the server (locales/<lng>/webchat.json).
 */
(function () {
  'use strict';

  var WebChat = window.WebChat;
  var page = JSON.parse(document.getElementById('pathfinder-page').textContent);
  var chatElement = document.getElementById('webchat');
  var statusElement = document.getElementById('page-status');

  var state = { lang: page.lang, dir: page.dir, strings: page.strings, directLine: null, store: null };
  /** Only the newest language request is applied when several overlap. */
  var languageRequest = 0;

  var styleOptions = {
    accent: '#0b3d6e',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif",
    fontSizeSmall: '0.875rem',
    bubbleMaxWidth: 560,
    bubbleBorderRadius: 12,
    bubbleFromUserBorderRadius: 12,
    bubbleBackground: '#f2f2f2',
    bubbleTextColor: '#1a1a1a',
    bubbleFromUserBackground: '#0b3d6e',
    bubbleFromUserTextColor: '#ffffff',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#0b3d6e',
    suggestedActionTextColor: '#0b3d6e',
    suggestedActionHeight: 44,
    sendBoxHeight: 56,
    // The local endpoint takes no uploads, and the bot answers files with "please type your question".
    hideUploadButton: true,
  };

  function showStatus(text) {
    statusElement.textContent = text;
    statusElement.hidden = false;
  }

  function hideStatus() {
    statusElement.hidden = true;
  }

  /** Puts a language's strings and direction on the page (and on Web Chat, once it runs). */
  function applyLanguage(info) {
    state.lang = info.lang;
    state.dir = info.dir;
    state.strings = info.strings;
    document.documentElement.lang = info.lang;
    document.documentElement.dir = info.dir;
    document.title = info.strings.title;
    document.getElementById('page-heading').textContent = info.strings.heading;
    document.getElementById('page-tagline').textContent = info.strings.tagline;
    chatElement.setAttribute('aria-label', info.strings.chatLabel);
    if (!statusElement.hidden) {
      statusElement.textContent = info.strings.loading;
    }
    render();
  }

  /** Asks the server for a language (any BCP 47 tag; it answers with the nearest supported one). */
  function switchLanguage(tag) {
    var request = ++languageRequest;
    return fetch('/webchat/strings?lang=' + encodeURIComponent(tag))
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (info) {
        if (info && request === languageRequest && (info.lang !== state.lang || info.dir !== state.dir)) {
          applyLanguage(info);
        }
      })
      .catch(function () {
        // Keep the current language: the chat itself still works.
      });
  }

  function render() {
    if (!state.directLine) {
      return;
    }
    WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        locale: state.lang,
        dir: state.dir,
        styleOptions: styleOptions,
      },
      chatElement,
    );
  }

  /** Follows the language of the bot's messages. */
  function onIncomingActivity(activity) {
    var fromBot = activity && activity.from && activity.from.role === 'bot';
    if (fromBot && activity.type === 'message' && typeof activity.locale === 'string') {
      if (activity.locale.split('-')[0].toLowerCase() !== state.lang) {
        switchLanguage(activity.locale);
      }
    }
  }

  function createStore() {
    return WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            onIncomingActivity(action.payload.activity);
          }
          return next(action);
        };
      };
    });
  }

  function fetchGrant() {
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: state.lang }),
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('token request failed: ' + response.status);
      }
      return response.json();
    });
  }

  function start() {
    var params = new URLSearchParams(location.search);
    var wanted = params.get('lang') || navigator.language;
    var ready = wanted ? switchLanguage(wanted) : Promise.resolve();
    ready
      .then(fetchGrant)
      .then(function (grant) {
        state.store = createStore();
        state.directLine = WebChat.createDirectLine({
          token: grant.token,
          domain: new URL(grant.domain, location.href).href.replace(/\/+$/, ''),
          webSocket: grant.webSocket !== false,
        });
        hideStatus();
        render();
      })
      .catch(function () {
        showStatus(state.strings.unavailable);
      });
  }

  if (!WebChat) {
    showStatus(state.strings.unavailable);
    return;
  }
  start();
})();
