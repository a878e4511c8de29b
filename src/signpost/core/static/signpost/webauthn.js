// Security keys (WebAuthn) on the two-factor pages.
//
// The pages explain themselves without JavaScript. This file, loaded after allauth's
// webauthn-json.js, shows the key button when the browser can use keys, asks the browser for the
// key, puts the result in the form's hidden field and submits it. Everything it needs comes from
// data attributes and a <script type="application/json"> element, so the page needs no inline script.
(function () {
  'use strict'

  const ERROR_PREFIX = 'Error: '

  // What to tell people when the browser refuses, by the DOMException's name.
  const MESSAGES = {
    create: {
      NotAllowedError: 'Your security key was not added. You may have cancelled, or taken too long. Try again.',
      InvalidStateError: 'This security key is already added to your account. Use a different key.',
      NotSupportedError: 'Your security key or browser cannot be used here. Try a different key or browser.',
      SecurityError: 'Your browser will not use a security key on this page. Enter a code from your authenticator app instead.',
      default: 'Your security key could not be added. Try again, or use a different key.'
    },
    get: {
      NotAllowedError: 'Your security key was not used. You may have cancelled, taken too long, or used a key that is not added to this account. Try again.',
      NotSupportedError: 'Your security key or browser cannot be used here. Try a different key or browser.',
      SecurityError: 'Your browser will not use a security key on this page. Enter a code instead.',
      default: 'Your security key could not be checked. Try again.'
    },
    unsupported: 'Your browser cannot use security keys. Use a different browser, or enter a code instead.',
    name: 'Enter a name for the security key'
  }

  function supported () {
    return Boolean(window.PublicKeyCredential && navigator.credentials && window.webauthnJSON)
  }

  function messageFor (mode, error) {
    const messages = MESSAGES[mode]
    return (error && messages[error.name]) || messages.default
  }

  // Show one error in the page's error summary (rendered by the template, hidden when empty).
  function showError (text, targetId) {
    const summary = document.querySelector('[data-webauthn-error-summary]')
    if (!summary) {
      return
    }
    let list = summary.querySelector('.govuk-error-summary__list')
    if (!list) {
      list = document.createElement('ul')
      list.className = 'govuk-list govuk-error-summary__list'
      summary.querySelector('.govuk-error-summary__body').appendChild(list)
    }
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.href = '#' + targetId
    link.textContent = text
    link.addEventListener('click', function (event) {
      const target = document.getElementById(targetId)
      if (target) {
        event.preventDefault()
        target.focus()
      }
    })
    item.appendChild(link)
    list.replaceChildren(item)
    summary.hidden = false
    summary.setAttribute('tabindex', '-1')
    summary.focus()
    if (!document.title.startsWith(ERROR_PREFIX)) {
      document.title = ERROR_PREFIX + document.title
    }
  }

  // Mark the name field as the GOV.UK error pattern does, once.
  function markNameMissing (input) {
    const group = input.closest('.govuk-form-group')
    const messageId = input.id + '-error'
    if (!group || document.getElementById(messageId)) {
      return
    }
    group.classList.add('govuk-form-group--error')
    input.classList.add('govuk-input--error')
    const message = document.createElement('p')
    message.id = messageId
    message.className = 'govuk-error-message'
    const hidden = document.createElement('span')
    hidden.className = 'govuk-visually-hidden'
    hidden.textContent = 'Error: '
    message.append(hidden, MESSAGES.name)
    input.before(message)
    const describedBy = input.getAttribute('aria-describedby')
    input.setAttribute('aria-describedby', describedBy ? describedBy + ' ' + messageId : messageId)
  }

  function setUp (container) {
    const mode = container.dataset.webauthn
    const button = container.querySelector('[data-webauthn-start]')
    const explanation = container.querySelector('[data-webauthn-no-js]')
    const form = document.getElementById(container.dataset.webauthnForm)
    const credential = document.getElementById(container.dataset.webauthnCredential)
    const nameInput = container.dataset.webauthnName ? document.getElementById(container.dataset.webauthnName) : null
    if (!button || !form || !credential || (mode !== 'create' && mode !== 'get')) {
      return
    }
    if (!supported()) {
      if (explanation) {
        explanation.textContent = MESSAGES.unsupported
      }
      return
    }
    if (explanation) {
      explanation.hidden = true
    }
    button.hidden = false

    let busy = false
    async function useKey () {
      if (busy) {
        return
      }
      if (nameInput && !nameInput.value.trim()) {
        markNameMissing(nameInput)
        showError(MESSAGES.name, nameInput.id)
        return
      }
      busy = true
      button.setAttribute('aria-disabled', 'true')
      try {
        const data = JSON.parse(document.getElementById(container.dataset.webauthnOptions).textContent)
        const result = mode === 'create'
          ? await window.webauthnJSON.create(data.creation_options)
          : await window.webauthnJSON.get(data.request_options)
        credential.value = JSON.stringify(result)
        form.submit()
      } catch (error) {
        busy = false
        button.removeAttribute('aria-disabled')
        showError(messageFor(mode, error), button.id)
      }
    }

    button.addEventListener('click', useKey)
    // Pressing Enter in the name field would post the form without a key; start the key step instead.
    form.addEventListener('submit', function (event) {
      if (!credential.value) {
        event.preventDefault()
        useKey()
      }
    })
  }

  document.querySelectorAll('[data-webauthn]').forEach(setUp)
})()
