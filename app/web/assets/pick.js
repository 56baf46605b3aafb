// The client picker: as the name or phone is typed into a find form
// (input[data-pick]), the clients that match are listed under it, each a
// link to the same form with that client chosen. Without this script the
// find form still works: it is a plain GET that lists the same clients.
"use strict";

(function () {
  function item(form, c) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = form.getAttribute("action") + "?client=" + encodeURIComponent(c.id);
    a.textContent = c.name;
    li.appendChild(a);
    const more = [ "client " + c.id ];
    if (c.phone) more.push(c.phone);
    if (c.birth_date) more.push("born " + c.birth_date);
    li.appendChild(document.createTextNode(" (" + more.join(", ") + ")"));
    return li;
  }

  function attach(input) {
    const form = input.form;
    const list = document.getElementById(input.getAttribute("aria-controls"));
    if (!form || !list) return;
    let timer = 0;
    let asked = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        const text = input.value.trim();
        const mine = ++asked;
        if (text.length < 2) {
          list.replaceChildren();
          return;
        }
        fetch(input.dataset.pick + "?q=" + encodeURIComponent(text), {
          headers: { "Accept": "application/json" },
          credentials: "same-origin"
        })
          .then(function (res) { return res.ok ? res.json() : null; })
          .then(function (answer) {
            if (!answer || mine !== asked) return; // a later keystroke has asked again
            const items = answer.clients.map(function (c) { return item(form, c); });
            if (items.length === 0) {
              const li = document.createElement("li");
              li.textContent = "No client matches.";
              items.push(li);
            } else if (answer.more) {
              const li = document.createElement("li");
              li.className = "muted";
              li.textContent = "More match: type more of the name or number.";
              items.push(li);
            }
            list.replaceChildren.apply(list, items);
          })
          .catch(function () {});
      }, 150);
    });
  }

  document.querySelectorAll("input[data-pick]").forEach(attach);
})();
