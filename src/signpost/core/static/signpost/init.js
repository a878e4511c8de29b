// Start the GOV.UK Frontend components on every page (pages work without this).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
