package kz.citizenrequests.answers;

import kz.citizenrequests.shared.ProblemException;

/** 404: no answer template with this id. */
class AnswerTemplateNotFoundException extends ProblemException {

    AnswerTemplateNotFoundException(long id) {
        super(404, "answer-template-not-found", "Answer template not found", "There is no answer template " + id + ".");
    }
}
